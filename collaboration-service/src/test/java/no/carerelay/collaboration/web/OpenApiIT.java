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
        JsonNode document = body(get("/v3/api-docs", null, null));
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

        assertThat(served).hasSizeGreaterThanOrEqualTo(17);
        assertThat(documented).containsAll(served);
        assertThat(document.get("components").get("parameters")).isNotNull();
    }
}
