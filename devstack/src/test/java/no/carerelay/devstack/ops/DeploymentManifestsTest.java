package no.carerelay.devstack.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import no.carerelay.contracts.EventType;
import no.carerelay.contracts.EventTypes;

/**
 * No cluster and no Docker engine run here, so deploy/k8s and deploy/compose are checked structurally: every document
 * parses; Kustomize's resources and patches point at files and resources that exist (the JSON patches' paths too);
 * every Deployment has Actuator probes, requests and limits and runs as non-root; images, ports, databases,
 * network policies and topics match the four services and what their configuration consumes and dead-letters.
 */
class DeploymentManifestsTest {

    /** service -> HTTP port, database: the services as the README and their *-service.yml define them. */
    private static final Map<String, Integer> PORTS = Map.of("patient-service", 8081, "trajectory-service", 8082,
            "collaboration-service", 8083, "notification-service", 8084);

    private static String database(String service) {
        return service.substring(0, service.indexOf('-'));
    }

    private final Path k8s = DeployFiles.deploy("k8s");

    @Test
    void shouldParseEveryManifestDocument() {
        List<Path> files = new ArrayList<>(DeployFiles.files(k8s, ".yaml"));
        files.addAll(DeployFiles.files(DeployFiles.deploy("compose"), ".yaml"));
        files.addAll(DeployFiles.files(DeployFiles.deploy("compose"), ".yml"));
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            assertThat(DeployFiles.yamlDocuments(file)).as("documents of %s", file).isNotEmpty();
        }
    }

    @Test
    void shouldListOnlyExistingResourcesAndPatchOnlyExistingResourcesAndPaths() {
        Map<String, Map<String, Object>> base = resources(k8s.resolve("base"));
        assertThat(base).isNotEmpty();
        for (String overlay : List.of("dev", "prod")) {
            Path dir = k8s.resolve("overlays").resolve(overlay);
            Map<String, Object> kustomization = map(DeployFiles.yamlDocuments(dir.resolve("kustomization.yaml")).get(0));
            assertThat(list(kustomization.get("resources"))).as("%s builds on the base", overlay).contains("../../base");
            for (Object entry : list(kustomization.get("patches"))) {
                Map<String, Object> patch = map(entry);
                Path file = dir.resolve((String) patch.get("path"));
                assertThat(file).as("patch of %s", overlay).exists();
                List<Object> documents = DeployFiles.yamlDocuments(file);
                if (patch.containsKey("target")) {
                    Map<String, Object> target = map(patch.get("target"));
                    List<Map<String, Object>> targeted = base.values().stream()
                            .filter(r -> r.get("kind").equals(target.get("kind")))
                            .filter(r -> !target.containsKey("name") || Pattern.matches((String) target.get("name"), name(r))).toList();
                    assertThat(targeted).as("%s patch %s targets something", overlay, file.getFileName()).isNotEmpty();
                    for (Object operation : list(documents.get(0))) {
                        Map<String, Object> op = map(operation);
                        for (Map<String, Object> resource : targeted) {
                            assertThat(pathExists(resource, (String) op.get("path"), !op.get("op").equals("add")))
                                    .as("%s: %s %s in %s %s", file.getFileName(), op.get("op"), op.get("path"), resource.get("kind"), name(resource))
                                    .isTrue();
                        }
                    }
                } else {
                    Map<String, Object> document = map(documents.get(0));
                    assertThat(base).as("%s patches an existing resource", file).containsKey(document.get("kind") + "/" + name(document));
                }
            }
            for (Object image : list(kustomization.get("images"))) {
                String name = (String) map(image).get("name");
                assertThat(PORTS).as("image %s of %s is one of the services", name, overlay).containsKey(name.replace("carerelay/", ""));
            }
        }
    }

    @Test
    void shouldGiveEveryDeploymentProbesLimitsANonRootContextAndItsServicesImageAndPort() {
        Map<String, Map<String, Object>> base = resources(k8s.resolve("base"));
        Set<String> deployments = new TreeSet<>();
        for (Map<String, Object> resource : base.values()) {
            if (!resource.get("kind").equals("Deployment")) {
                continue;
            }
            String service = name(resource);
            deployments.add(service);
            int port = PORTS.get(service);
            Map<String, Object> pod = map(at(resource, "spec", "template", "spec"));
            assertThat(at(pod, "securityContext", "runAsNonRoot")).as("%s runAsNonRoot", service).isEqualTo(true);
            assertThat((Integer) at(pod, "securityContext", "runAsUser")).as("%s uid", service).isPositive();
            List<Object> containers = list(pod.get("containers"));
            assertThat(containers).hasSize(1);
            Map<String, Object> container = map(containers.get(0));
            assertThat((String) container.get("image")).as("image of %s", service).startsWith("carerelay/" + service + ":");
            assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            for (String kind : List.of("requests", "limits")) {
                assertThat(map(at(container, "resources", kind))).as("%s %s", service, kind).containsKeys("cpu", "memory");
            }
            assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
            assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
            assertThat(list(container.get("ports")).stream().map(p -> map(p).get("containerPort"))).as("ports of %s", service).contains(port);
            Map<String, Object> config = base.get("ConfigMap/" + service);
            assertThat(at(config, "data", "PORT")).isEqualTo(String.valueOf(port));
            assertThat((String) at(config, "data", "DATABASE_URL")).as("%s uses its own database", service)
                    .startsWith("jdbc:postgresql://" + database(service) + "-db:5432/" + database(service));
            assertThat(at(base.get("Service/" + service), "spec", "ports").toString()).contains("port=" + port);
            assertThat(base).containsKeys("PodDisruptionBudget/" + service, "HorizontalPodAutoscaler/" + service, "NetworkPolicy/" + service);
            // secrets are referenced, never committed
            assertThat(container.get("env").toString()).contains("secretKeyRef");
        }
        assertThat(deployments).isEqualTo(PORTS.keySet().stream().collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        assertThat(base.keySet()).noneMatch(key -> key.startsWith("Secret/"));
    }

    @Test
    void shouldLetEachServiceReachOnlyKafkaItsOwnDatabaseAndDns() {
        Map<String, Map<String, Object>> base = resources(k8s.resolve("base"));
        assertThat(at(base.get("NetworkPolicy/default-deny"), "spec", "policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
        for (String service : PORTS.keySet()) {
            Map<String, Object> policy = base.get("NetworkPolicy/" + service);
            assertThat(at(policy, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name")).isEqualTo(service);
            List<String> databases = new ArrayList<>();
            List<String> namespaces = new ArrayList<>();
            List<Object> ipBlocks = new ArrayList<>();
            for (Object rule : list(at(policy, "spec", "egress"))) {
                for (Object peer : list(map(rule).get("to"))) {
                    Map<String, Object> to = map(peer);
                    if (to.containsKey("ipBlock")) {
                        ipBlocks.add(to.get("ipBlock"));
                        assertThat(map(rule).get("ports").toString()).as("%s reaches the internet for HTTPS only", service).isEqualTo("[{protocol=TCP, port=443}]");
                    }
                    if (to.containsKey("namespaceSelector")) {
                        namespaces.add((String) at(to, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
                    } else if (to.containsKey("podSelector")) {
                        databases.add((String) at(to, "podSelector", "matchLabels", "carerelay.no/database"));
                    }
                }
            }
            assertThat(databases).as("databases %s reaches", service).containsExactly(database(service));
            assertThat(namespaces).as("namespaces %s reaches", service).containsExactlyInAnyOrder("kafka", "kube-system", "observability");
            // only notification-service calls out (municipal webhooks)
            assertThat(ipBlocks).as("internet egress of %s", service).hasSize(service.equals("notification-service") ? 1 : 0);
        }
        // ...and every service fetches the identity provider's JWK set, over HTTPS only
        Map<String, Object> jwks = base.get("NetworkPolicy/identity-provider-jwk-set");
        assertThat(at(jwks, "spec", "policyTypes")).isEqualTo(List.of("Egress"));
        assertThat(list(map(list(at(jwks, "spec", "podSelector", "matchExpressions")).get(0)).get("values"))).containsExactlyInAnyOrderElementsOf(PORTS.keySet());
        assertThat(list(at(jwks, "spec", "egress")).toString()).contains("port=443").doesNotContain("port=80,");
        assertThat(at(base.get("ConfigMap/carerelay-common"), "data").toString())
                .contains("CARERELAY_SECURITY_ISSUER", "CARERELAY_SECURITY_JWK_SET_URI", "CARERELAY_SECURITY_AUDIENCE");
    }

    @Test
    void shouldDefineEveryTopicAndDeadLetterTopicForThreeBrokers() {
        Map<String, Map<String, Object>> topics = new HashMap<>();
        for (Map<String, Object> resource : resources(k8s.resolve("base")).values()) {
            if (resource.get("kind").equals("KafkaTopic")) {
                topics.put((String) at(resource, "spec", "topicName"), resource);
            }
        }
        // every topic an event type is published on: a new contract topic fails here until it is provisioned
        Set<String> expected = new TreeSet<>(EventTypes.ALL.stream().map(EventType::topic).toList());
        expected.addAll(deadLetterTopicsOfTheServices());
        assertThat(topics.keySet()).containsAll(expected);
        int maxReplicas = 0;
        for (Map<String, Object> resource : resources(k8s.resolve("base")).values()) {
            if (resource.get("kind").equals("HorizontalPodAutoscaler")) {
                maxReplicas = Math.max(maxReplicas, (Integer) at(resource, "spec", "maxReplicas"));
            }
        }
        for (var topic : topics.entrySet()) {
            assertThat(at(topic.getValue(), "spec", "replicas")).as("replicas of %s", topic.getKey()).isEqualTo(3);
            assertThat(at(topic.getValue(), "spec", "config", "min.insync.replicas")).isEqualTo("2");
            if (!topic.getKey().endsWith(".dlq")) {
                // more consumers than partitions would sit idle
                assertThat((Integer) at(topic.getValue(), "spec", "partitions")).as("partitions of %s", topic.getKey())
                        .isGreaterThanOrEqualTo(maxReplicas);
            }
        }
    }

    @Test
    void shouldStartComposeInOrderWithHealthChecksLimitsAndOneDatabasePerService() {
        Path compose = DeployFiles.deploy("compose/compose.yaml");
        Map<String, Object> services = map(map(DeployFiles.yamlDocuments(compose).get(0)).get("services"));
        assertThat(services).containsKeys("kafka", "prometheus", "grafana");
        for (var entry : services.entrySet()) {
            Map<String, Object> service = map(entry.getValue());
            assertThat(service).as("compose service %s", entry.getKey()).containsKeys("healthcheck", "mem_limit", "image");
        }
        for (var port : PORTS.entrySet()) {
            String name = port.getKey();
            Map<String, Object> service = map(services.get(name));
            Map<String, Object> environment = map(service.get("environment"));
            String db = database(name) + "-db";
            assertThat(services).containsKey(db);
            assertThat(environment.get("DATABASE_URL")).isEqualTo("jdbc:postgresql://" + db + ":5432/" + database(name));
            assertThat(environment.get("PORT")).isEqualTo(String.valueOf(port.getValue()));
            assertThat(environment.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            // every API validates tokens: a service without an issuer would not start
            assertThat(environment).containsKeys("CARERELAY_SECURITY_ISSUER", "CARERELAY_SECURITY_JWK_SET_URI", "CARERELAY_SECURITY_AUDIENCE");
            assertThat(list(service.get("ports"))).contains(port.getValue() + ":" + port.getValue());
            assertThat(service.get("image")).isEqualTo("carerelay/" + name + ":0.1.0");
            Map<String, Object> build = map(service.get("build"));
            assertThat(map(build.get("args")).get("SERVICE")).isEqualTo(name);
            assertThat(compose.getParent().resolve((String) build.get("context")).resolve((String) build.get("dockerfile")).normalize()).exists();
            Map<String, Object> dependsOn = map(service.get("depends_on"));
            assertThat(dependsOn).containsOnlyKeys("kafka", db);
            dependsOn.values().forEach(condition -> assertThat(map(condition).get("condition")).isEqualTo("service_healthy"));
            assertThat(compose.getParent().getParent().getParent().resolve(name).resolve("pom.xml")).as("module of %s", name).exists();
        }
        assertThat(map(map(services.get("prometheus")).get("depends_on"))).containsOnlyKeys(PORTS.keySet());
        Map<String, Object> issuer = map(services.get("token-issuer"));
        assertThat(map(map(issuer.get("build")).get("args")).get("SERVICE")).isEqualTo("token-issuer");
        assertThat(compose.getParent().getParent().getParent().resolve("token-issuer/pom.xml")).exists();
        for (var entry : services.entrySet()) {
            for (Object volume : list(map(entry.getValue()).get("volumes"))) {
                String source = ((String) volume).split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(compose.getParent().resolve(source).normalize()).as("volume of %s", entry.getKey()).exists();
                }
            }
        }
    }

    @Test
    void shouldBuildNonRootImagesOfTheServicesExecJars() {
        String dockerfile = DeployFiles.read(DeployFiles.deploy("docker/Dockerfile"));
        assertThat(dockerfile).contains("USER 10001:10001", "${SERVICE}/target/${SERVICE}-${VERSION}-exec.jar");
        String rootPom = DeployFiles.read(DeployFiles.root().resolve("pom.xml"));
        assertThat(rootPom).contains("<classifier>exec</classifier>").contains("<version>0.1.0-SNAPSHOT</version>");
    }

    @Test
    void shouldRenderBothOverlaysWithKubectlWhenItIsInstalled() throws Exception {
        // The structural checks above are the proof; kubectl, where present, additionally renders the overlays.
        Path kubectl = Path.of("/usr/bin/kubectl");
        if (!Files.isExecutable(kubectl)) {
            return;
        }
        for (String overlay : List.of("dev", "prod")) {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", k8s.resolve("overlays").resolve(overlay).toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(output).isZero();
            assertThat(output).contains("kind: Deployment", "kind: NetworkPolicy", "kind: KafkaTopic");
        }
    }

    /** The dead-letter topics the services' own configuration names. */
    private static Set<String> deadLetterTopicsOfTheServices() {
        Set<String> names = new TreeSet<>();
        for (String service : PORTS.keySet()) {
            Path config = DeployFiles.root().resolve(service).resolve("src/main/resources/" + service + ".yml");
            java.util.regex.Matcher matcher = Pattern.compile("dlq-name:\\s*(\\S+)").matcher(DeployFiles.read(config));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(5);
        return names;
    }

    /** kind/name -> resource, of every file a kustomization lists. */
    private static Map<String, Map<String, Object>> resources(Path dir) {
        Map<String, Object> kustomization = map(DeployFiles.yamlDocuments(dir.resolve("kustomization.yaml")).get(0));
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        for (Object entry : list(kustomization.get("resources"))) {
            Path file = dir.resolve((String) entry);
            assertThat(file).as("resource listed in %s", dir).exists();
            for (Object document : DeployFiles.yamlDocuments(file)) {
                Map<String, Object> resource = map(document);
                assertThat(resource).containsKeys("apiVersion", "kind", "metadata");
                assertThat(resources.put(resource.get("kind") + "/" + name(resource), resource)).as("duplicate %s", name(resource)).isNull();
            }
        }
        return resources;
    }

    /** Whether a JSON pointer leads somewhere in the resource (for "add", its parent must exist). */
    private static boolean pathExists(Object resource, String pointer, boolean whole) {
        String[] parts = pointer.substring(1).split("/");
        Object current = resource;
        for (int i = 0; i < parts.length - (whole ? 0 : 1); i++) {
            String part = parts[i].replace("~1", "/").replace("~0", "~");
            if (current instanceof Map<?, ?> map && map.containsKey(part)) {
                current = map.get(part);
            } else if (current instanceof List<?> list && part.matches("\\d+") && Integer.parseInt(part) < list.size()) {
                current = list.get(Integer.parseInt(part));
            } else {
                return false;
            }
        }
        return true;
    }

    private static String name(Map<String, Object> resource) {
        return (String) map(resource.get("metadata")).get("name");
    }

    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = current == null ? null : map(current).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }
}
