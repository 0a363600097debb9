package no.carerelay.collaboration.web;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.collaboration.identity.HeaderActorResolver;

/** The OpenAPI document at /v3/api-docs: every endpoint, with the identity headers they read until OAuth2 arrives. */
@Configuration
class OpenApiConfiguration {

    private static final String USER = "actingUser";
    private static final String MUNICIPALITY = "actingMunicipality";

    @Bean
    OpenAPI collaborationOpenApi() {
        return new OpenAPI()
                .info(new Info().title("CareRelay collaboration-service").version("v1").description("""
                        Handover cases for the addressed municipality, care teams, tasks, individual plans, needs assessments and the \
                        coordinator's worklist. Errors are RFC 9457 application/problem+json. Until OAuth2 (HelseID) is in place the \
                        acting user and municipality come from the X-CareRelay-User and X-CareRelay-Municipality headers, which a \
                        trusted gateway must set."""))
                .components(new Components()
                        .addParameters(USER, new HeaderParameter().name(HeaderActorResolver.USER_HEADER).required(true)
                                .description("the acting user's id (a staff identifier, never a national ID)")
                                .schema(new StringSchema().pattern("^[A-Za-z0-9._@-]{1,100}$")))
                        .addParameters(MUNICIPALITY, new HeaderParameter().name(HeaderActorResolver.MUNICIPALITY_HEADER).required(false)
                                .description("kommunenummer the user acts for; required for municipal actions such as answering a handover")
                                .schema(new StringSchema().pattern("^[0-9]{4}$"))));
    }

    /** Every operation that takes an {@link Actor} documents the two headers. */
    @Bean
    OperationCustomizer actorHeaders() {
        return (operation, handler) -> {
            boolean actor = java.util.Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> Actor.class.equals(parameter.getParameterType()));
            if (actor) {
                operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + USER));
                operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + MUNICIPALITY));
            }
            return operation;
        };
    }
}
