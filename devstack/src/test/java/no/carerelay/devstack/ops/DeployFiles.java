package no.carerelay.devstack.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The files under deploy/ and what the tests need from them. */
final class DeployFiles {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private DeployFiles() {
    }

    /** The repository root: the first directory up from the working directory (devstack/ under Maven) with deploy/. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/observability")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/observability above " + Path.of("").toAbsolutePath());
    }

    static Path deploy(String relative) {
        return root().resolve("deploy").resolve(relative);
    }

    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document of a file (a multi-document stream for Kubernetes). */
    static List<Object> yamlDocuments(Path file) {
        List<Object> documents = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(read(file))) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    static List<Path> ruleFiles() {
        return files(deploy("observability/prometheus/rules"), ".yml");
    }

    static List<Path> dashboards() {
        return files(deploy("observability/grafana/dashboards"), ".json");
    }

    /** Each rule of every rule file: its name (alert or record) and its expression. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            Map<String, Object> document = (Map<String, Object>) yamlDocuments(file).get(0);
            for (Map<String, Object> group : (List<Map<String, Object>>) document.get("groups")) {
                rules.addAll((List<Map<String, Object>>) group.get("rules"));
            }
        }
        return rules;
    }

    static Set<String> recordingRuleNames() {
        Set<String> names = new TreeSet<>();
        rules().stream().filter(rule -> rule.containsKey("record")).forEach(rule -> names.add((String) rule.get("record")));
        return names;
    }

    /** Every PromQL expression of a dashboard: panel targets (nested rows too) and templating queries, with where. */
    static Map<String, String> dashboardExpressions(Path dashboard) {
        Map<String, String> expressions = new TreeMap<>();
        JsonNode root = JSON.readTree(read(dashboard));
        collectPanels(root.path("panels"), dashboard.getFileName() + " panel ", expressions);
        for (JsonNode variable : root.path("templating").path("list")) {
            if (variable.path("type").asString("").equals("query")) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asString("") : query.asString("");
                expressions.put(dashboard.getFileName() + " variable " + variable.path("name").asString(), text);
            }
        }
        return expressions;
    }

    private static void collectPanels(JsonNode panels, String where, Map<String, String> expressions) {
        for (JsonNode panel : panels) {
            int i = 0;
            for (JsonNode target : panel.path("targets")) {
                expressions.put(where + "'" + panel.path("title").asString() + "' target " + i++, target.path("expr").asString(""));
            }
            collectPanels(panel.path("panels"), where, expressions);
        }
    }

    /** Metric name -> the alerts, recording rules and dashboard panels that use it. */
    static Map<String, Set<String>> metricsUsedByRulesAndDashboards() {
        Map<String, Set<String>> used = new TreeMap<>();
        for (Map<String, Object> rule : rules()) {
            String name = (String) (rule.containsKey("alert") ? rule.get("alert") : rule.get("record"));
            for (String metric : PromQl.metricNames((String) rule.get("expr"))) {
                used.computeIfAbsent(metric, m -> new TreeSet<>()).add("rule " + name);
            }
        }
        for (Path dashboard : dashboards()) {
            dashboardExpressions(dashboard).forEach((where, expression) -> {
                for (String metric : PromQl.metricNames(expression)) {
                    used.computeIfAbsent(metric, m -> new TreeSet<>()).add(where);
                }
            });
        }
        return used;
    }
}
