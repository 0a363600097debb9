package no.carerelay.devstack.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * deploy/observability/prometheus: promtool accepts the configuration and the rules, the rules' unit tests pass, and
 * every alert is documented in docs/runbook.md. (That every metric they use is exported: ObservabilityIT.)
 */
class PrometheusRulesTest {

    private final Path prometheus = DeployFiles.deploy("observability/prometheus");

    @Test
    void shouldPassPromtoolCheckRules() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("check", "rules"));
        DeployFiles.ruleFiles().forEach(file -> arguments.add(prometheus.relativize(file).toString()));
        assertThat(arguments).hasSizeGreaterThan(2);
        Promtool.Result result = Promtool.run(prometheus, arguments.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void shouldPassPromtoolTestRules() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("test", "rules"));
        DeployFiles.files(prometheus.resolve("tests"), ".test.yml").forEach(file -> arguments.add(prometheus.relativize(file).toString()));
        assertThat(arguments).hasSizeGreaterThan(2);
        Promtool.Result result = Promtool.run(prometheus, arguments.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void shouldPassPromtoolCheckConfigForEveryPrometheusConfiguration() throws Exception {
        for (Path config : List.of(prometheus.resolve("prometheus.yml"), DeployFiles.deploy("compose/prometheus/prometheus.yml"))) {
            Promtool.Result result = Promtool.run(config.getParent(), "check", "config", config.getFileName().toString());
            assertThat(result.exitCode()).as(config + "\n" + result.output()).isZero();
        }
    }

    @Test
    void shouldScrapeTheKubernetesPodsAsJobCarerelayWithTheSameRules() {
        // Debian's promtool is built without Kubernetes service discovery, so this one is checked as YAML only
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) DeployFiles.yamlDocuments(prometheus.resolve("prometheus-kubernetes.yml")).get(0);
        assertThat(config.get("rule_files")).isEqualTo(List.of("rules/*.yml"));
        String scrape = config.get("scrape_configs").toString();
        assertThat(scrape).contains("job_name=carerelay", "role=pod", "names=[carerelay]", "__meta_kubernetes_pod_annotation_prometheus_io_scrape");
        String deployment = DeployFiles.read(DeployFiles.deploy("k8s/base/patient-service.yaml"));
        assertThat(deployment).contains("prometheus.io/scrape: \"true\"", "prometheus.io/path: /actuator/prometheus");
    }

    @Test
    void shouldTestEveryAlertInTheRulesUnitTests() {
        String tests = String.join("\n", DeployFiles.files(prometheus.resolve("tests"), ".test.yml").stream().map(DeployFiles::read).toList());
        for (String alert : alerts()) {
            assertThat(tests).as("a promtool test case for %s", alert).contains("alertname: " + alert + "\n");
        }
    }

    @Test
    void shouldDocumentEveryAlertInTheRunbookWithMeaningChecksAndRemedies() {
        String runbook = DeployFiles.read(DeployFiles.root().resolve("docs/runbook.md"));
        Set<String> headings = new TreeSet<>();
        Matcher heading = Pattern.compile("(?m)^## (\\S+)$").matcher(runbook);
        while (heading.find()) {
            headings.add(heading.group(1));
        }
        assertThat(headings).as("runbook sections").isEqualTo(new TreeSet<>(alerts()));
        for (Map<String, Object> rule : DeployFiles.rules()) {
            if (rule.containsKey("alert")) {
                String alert = (String) rule.get("alert");
                @SuppressWarnings("unchecked")
                Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
                assertThat(annotations.get("runbook_url")).isEqualTo("docs/runbook.md#" + alert.toLowerCase());
                assertThat(annotations.get("summary")).isNotBlank();
                @SuppressWarnings("unchecked")
                Map<String, String> labels = (Map<String, String>) rule.get("labels");
                assertThat(labels.get("severity")).isIn("critical", "warning", "info");
                String section = runbook.substring(runbook.indexOf("## " + alert + "\n"));
                int next = section.indexOf("\n## ", 3);
                section = next < 0 ? section : section.substring(0, next);
                assertThat(section).as("runbook for %s", alert).contains("**Meaning.**", "**First checks.**", "**Remedies.**");
            }
        }
    }

    @Test
    void shouldCoverTheAlertsTheIssueAsksFor() {
        assertThat(alerts()).contains("CareRelayOutboxStalled", "CareRelayConsumerLagGrowing", "CareRelayDeadLettersAppearing",
                "CareRelayCircuitOpen", "CareRelayHandoverDeadlineBreachesRising");
    }

    @Test
    void shouldNeverLabelByAPersonalDatum() {
        for (Map<String, Object> rule : DeployFiles.rules()) {
            assertThat((String) rule.get("expr")).doesNotContainIgnoringCase("pseudonym").doesNotContainIgnoringCase("national")
                    .doesNotContainIgnoringCase("patient_id");
        }
        assertThat(Files.isDirectory(prometheus.resolve("rules"))).isTrue();
    }

    private static List<String> alerts() {
        return DeployFiles.rules().stream().filter(rule -> rule.containsKey("alert")).map(rule -> (String) rule.get("alert")).toList();
    }
}
