package no.carerelay.collaboration.web;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import no.carerelay.resourceserver.EndpointRule;
import no.carerelay.resourceserver.Role;

/**
 * The OpenAPI document at /v3/api-docs: every endpoint, the bearer token they all need, and for each operation the
 * roles the service's {@link EndpointRule.Rules} allow (the same rules the filter chain enforces).
 */
@Configuration
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String ROLES_EXTENSION = "x-carerelay-roles";

    @Bean
    OpenAPI collaborationOpenApi() {
        return new OpenAPI()
                .info(new Info().title("CareRelay collaboration-service").version("v1").description("""
                        Handover cases for the addressed municipality, care teams, tasks, individual plans, needs assessments and the \
                        coordinator's worklist. Errors are RFC 9457 application/problem+json. Every operation needs an OAuth2 bearer \
                        token (a JWT from the CareRelay token issuer): its sub is the acting user, roles the caller's CareRelay roles, \
                        org its organisation and, for the roles municipality and municipal-coordinator, kommunenummer the municipality \
                        it acts for. Which roles may call an operation is in its description and in x-carerelay-roles; a missing or \
                        invalid token is answered 401, a role the operation does not allow 403. Which cases and patients a caller may \
                        see (the addressed municipality, the care team) is decided from the token's claims, never from a header or \
                        the body."""))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT").description("an access token from the CareRelay token issuer, with audience carerelay")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Every operation names the roles its rule allows, and documents the filter's 401 and 403. */
    @Bean
    OperationCustomizer endpointRoles(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings,
            EndpointRule.Rules rules) {
        return (operation, handler) -> {
            Set<String> roles = new TreeSet<>();
            mappings.getObject().getHandlerMethods().forEach((info, method) -> {
                if (method.getMethod().equals(handler.getMethod())) {
                    roles.addAll(roles(info, rules));
                }
            });
            if (!roles.isEmpty()) {
                operation.addExtension(ROLES_EXTENSION, List.copyOf(roles));
                operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + " ") + "Roles: "
                        + String.join(", ", roles) + ".");
            }
            responses(operation).addApiResponse("401", new ApiResponse().description("no bearer token, or one that is expired, forged or "
                            + "not for this service (problem type unauthenticated)"))
                    .addApiResponse("403", new ApiResponse().description("the token's roles may not call this operation (problem type "
                            + "forbidden), or the case or patient is not the caller's (the service's own problem types)"));
            return operation;
        };
    }

    private static Set<String> roles(RequestMappingInfo info, EndpointRule.Rules rules) {
        Set<String> roles = new TreeSet<>();
        for (RequestMethod method : info.getMethodsCondition().getMethods()) {
            for (String pattern : info.getPatternValues()) {
                rules.rules().stream().filter(rule -> rule.method().equals(method.asHttpMethod()) && rule.pattern().equals(pattern))
                        .flatMap(rule -> rule.roles().stream()).map(Role::claimValue).forEach(roles::add);
            }
        }
        return roles;
    }

    private static ApiResponses responses(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        return operation.getResponses();
    }
}
