package no.carerelay.collaboration.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import no.carerelay.collaboration.support.CollaborationIT;
import tools.jackson.databind.JsonNode;

class OpenApiIT extends CollaborationIT {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void shouldDescribeEveryEndpointOfTheServiceInTheOpenApiDocument() {
        JsonNode document = body(get("/v3/api-docs", null));
        List<String> documented = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(method -> documented.add(method.getKey().toUpperCase() + " " + path.getKey())));

        List<String> served = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (method.getBeanType().getPackageName().startsWith("no.carerelay.collaboration")) {
                info.getPathPatternsCondition().getPatternValues().forEach(path -> info.getMethodsCondition().getMethods()
                        .forEach(verb -> served.add(verb.name() + " " + path)));
            }
        });

        assertThat(served).hasSizeGreaterThanOrEqualTo(22);
        assertThat(documented).containsAll(served);
    }

    @Test
    void shouldDocumentTheBearerTokenAndEachOperationsRolesInsteadOfIdentityHeaders() {
        JsonNode document = body(get("/v3/api-docs", null));

        JsonNode scheme = document.get("components").get("securitySchemes").get("bearer");
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        assertThat(scheme.get("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(document.get("security").get(0).has("bearer")).isTrue();
        assertThat(document.toString()).doesNotContain("X-CareRelay").doesNotContain("\"caller\"");

        JsonNode complete = document.get("paths").get("/api/v1/handover-cases/{caseId}/complete").get("post");
        assertThat(complete.get("x-carerelay-roles").valueStream().map(JsonNode::asString)).containsExactly("municipal-coordinator", "municipality");
        assertThat(complete.get("description").asString()).contains("Roles: municipal-coordinator, municipality.");
        assertThat(complete.get("responses").propertyNames()).contains("200", "401", "403");
        JsonNode verification = document.get("paths").get("/api/v1/audit/access-log/verification").get("get");
        assertThat(verification.get("x-carerelay-roles").valueStream().map(JsonNode::asString)).containsExactly("auditor");
    }
}
