package no.carerelay.trajectory.config;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import no.carerelay.resourceserver.Caller;

/** The OpenAPI document at /v3/api-docs: every endpoint wants a bearer token. */
@Configuration
class OpenApiConfiguration {

    static {
        // A controller's Caller comes from the token; undeclared, springdoc would list its fields as query parameters.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI trajectoryOpenApi() {
        return new OpenAPI()
                .info(new Info().title("CareRelay trajectory-service").version("v1").description("""
                        Cancer pathways (pakkeforløp), their deadlines and lead-time compliance. Every call needs a bearer token from the \
                        CareRelay token issuer; which roles reach which endpoint is in ApiAccessRules. Errors are RFC 9457 \
                        application/problem+json."""))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
