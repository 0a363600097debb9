package no.carerelay.devstack.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * deploy/observability/grafana: the three dashboards are valid JSON, provisioned, use the provisioned datasource, and
 * every query is valid PromQL (promtool parses them as rules). That the metrics exist: ObservabilityIT.
 */
class GrafanaDashboardsTest {

    @Test
    void shouldProvideTheThreeDashboardsAsValidJsonWithUniqueUids() {
        List<Path> dashboards = DeployFiles.dashboards();
        assertThat(dashboards.stream().map(p -> p.getFileName().toString()))
                .contains("platform-overview.json", "handovers-by-municipality.json", "pathway-compliance.json");
        Set<String> uids = new HashSet<>();
        for (Path dashboard : dashboards) {
            JsonNode root = DeployFiles.JSON.readTree(DeployFiles.read(dashboard));
            assertThat(uids.add(root.path("uid").asString())).as("unique uid in %s", dashboard).isTrue();
            assertThat(root.path("title").asString()).startsWith("CareRelay");
            assertThat(root.path("panels").size()).as("panels of %s", dashboard).isGreaterThan(2);
            for (JsonNode panel : root.path("panels")) {
                assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("carerelay-prometheus");
                assertThat(panel.path("targets").size()).as("queries of '%s'", panel.path("title").asString()).isPositive();
            }
        }
    }

    @Test
    void shouldProvisionTheDatasourceAndDashboardsTheJsonRefersTo() {
        Path provisioning = DeployFiles.deploy("observability/grafana/provisioning");
        @SuppressWarnings("unchecked")
        Map<String, Object> datasources = (Map<String, Object>) DeployFiles.yamlDocuments(provisioning.resolve("datasources/prometheus.yml")).get(0);
        assertThat(datasources.toString()).contains("uid=carerelay-prometheus", "type=prometheus");
        assertThat(Files.isRegularFile(provisioning.resolve("dashboards/carerelay.yml"))).isTrue();
    }

    @Test
    void shouldWriteEveryPanelQueryInValidPromQl() throws Exception {
        // promtool has no "check expression", but it parses every expr of a rule file: one recording rule per query
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int n = 0;
        for (Path dashboard : DeployFiles.dashboards()) {
            for (var query : DeployFiles.dashboardExpressions(dashboard).entrySet()) {
                String expression = query.getValue().replaceAll("label_values\\(\\s*([^,)]*)(,[^)]*)?\\)", "$1")
                        .replace("$__rate_interval", "5m").replace("$__interval", "1m").replaceAll("\\$\\w+", ".*");
                assertThat(expression).as(query.getKey()).isNotBlank();
                rules.append("      - record: dashboard_query_").append(n++).append("\n        expr: '").append(expression.replace("'", "''"))
                        .append("'\n");
            }
        }
        Path file = Files.createTempFile("dashboard-queries", ".yml");
        try {
            Files.writeString(file, rules);
            Promtool.Result result = Promtool.run(file.getParent(), "check", "rules", file.getFileName().toString());
            assertThat(result.exitCode()).as(rules + "\n" + result.output()).isZero();
        } finally {
            Files.delete(file);
        }
    }
}
