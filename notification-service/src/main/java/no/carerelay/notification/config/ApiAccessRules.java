package no.carerelay.notification.config;

import static no.carerelay.resourceserver.EndpointRule.rule;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.carerelay.resourceserver.EndpointRule;
import no.carerelay.resourceserver.Role;

/**
 * Who may call which endpoint of notification-service. A municipality's system manages its own webhook subscriptions
 * (only its own: checked in {@code WebhookSubscriptionController} against the token's kommunenummer); operators manage
 * every subscription, read the delivery logs and replay. Coordinators' contact preferences hold their e-mail addresses
 * and phone numbers, so only operators set them up and see them.
 */
@Configuration
class ApiAccessRules {

    @Bean
    EndpointRule.Rules notificationServiceEndpointRules() {
        return EndpointRule.Rules.of(
                rule(POST, "/api/v1/webhook-subscriptions", Role.MUNICIPALITY, Role.OPERATOR),
                rule(GET, "/api/v1/webhook-subscriptions", Role.MUNICIPALITY, Role.OPERATOR),
                rule(GET, "/api/v1/webhook-subscriptions/{id}", Role.MUNICIPALITY, Role.OPERATOR),
                rule(PUT, "/api/v1/webhook-subscriptions/{id}", Role.MUNICIPALITY, Role.OPERATOR),
                rule(POST, "/api/v1/webhook-subscriptions/{id}/secret", Role.MUNICIPALITY, Role.OPERATOR),
                rule(DELETE, "/api/v1/webhook-subscriptions/{id}", Role.MUNICIPALITY, Role.OPERATOR),
                rule(GET, "/api/v1/deliveries", Role.OPERATOR),
                rule(GET, "/api/v1/deliveries/{id}", Role.OPERATOR),
                rule(POST, "/api/v1/deliveries/{id}/replay", Role.OPERATOR),
                rule(POST, "/api/v1/contact-preferences", Role.OPERATOR),
                rule(GET, "/api/v1/contact-preferences", Role.OPERATOR),
                rule(GET, "/api/v1/contact-preferences/{id}", Role.OPERATOR),
                rule(DELETE, "/api/v1/contact-preferences/{id}", Role.OPERATOR),
                rule(GET, "/api/v1/contact-deliveries", Role.OPERATOR),
                rule(POST, "/api/v1/contact-deliveries/{id}/replay", Role.OPERATOR));
    }
}
