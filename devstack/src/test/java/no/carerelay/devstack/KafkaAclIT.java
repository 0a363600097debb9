package no.carerelay.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-service ACLs in {@code deploy/kafka/service-acls.txt}, applied to a real broker (its own process) with SASL
 * authentication and the StandardAuthorizer, nothing allowed without an ACL: each service can do exactly what the
 * file grants it, and a service cannot read or write a topic it does not own.
 */
class KafkaAclIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Map<String, String> PASSWORDS = new LinkedHashMap<>();
    private static KafkaBroker broker;
    private static String bootstrap;
    private static List<AclBinding> acls;

    @BeforeAll
    static void startBrokerWithAuthorisation() throws Exception {
        for (String user : List.of("admin", "patient-service", "trajectory-service", "collaboration-service", "notification-service")) {
            PASSWORDS.put(user, UUID.randomUUID().toString());
        }
        Path state = Path.of("target/kafka-acl/run-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(state);
        int port = Ports.free();
        int controller = Ports.free();
        bootstrap = "127.0.0.1:" + port;
        broker = new KafkaBroker(Path.of(System.getProperty("java.home"), "bin", "java").toString(), ROOT.resolve("devstack/target/kafka-lib"),
                ROOT.resolve("devstack/target/lib"), state.resolve("kafka"), state.resolve("kafka.log"), port, controller)
                .withOverrides(saslWithAuthorizer(port, controller));
        broker.start(new ChildProcesses(ROOT, state.resolve("run")));
        broker.awaitReady(Duration.ofSeconds(90));

        acls = acls(ROOT.resolve("deploy/kafka/service-acls.txt"));
        Set<String> topics = new LinkedHashSet<>();
        acls.stream().filter(acl -> acl.pattern().resourceType() == ResourceType.TOPIC).forEach(acl -> topics.add(acl.pattern().name()));
        try (Admin admin = Admin.create(client("admin"))) {
            admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, 1, (short) 1)).toList()).all().get(60, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
            awaitAclsVisibleToTheBroker(admin);
        }
    }

    /**
     * createAcls returns once the controller has committed the records; the broker's authorizer applies them from the
     * metadata log a moment later. describeAcls is answered by that authorizer, so wait until it lists every binding.
     */
    private static void awaitAclsVisibleToTheBroker(Admin admin) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            var visible = admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS);
            if (visible.containsAll(acls)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the broker's authorizer shows " + visible.size() + " of " + acls.size() + " ACLs after 30 s");
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void shouldLetPatientServicePublishEncountersThatTrajectoryServiceReadsInItsGroup() throws Exception {
        String key = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer("patient-service")) {
            producer.send(new ProducerRecord<>("patient.encounters.v1", key, "{}")).get(30, TimeUnit.SECONDS);
        }

        try (KafkaConsumer<String, String> consumer = consumer("trajectory-service", "trajectory-service")) {
            consumer.subscribe(List.of("patient.encounters.v1"));
            List<String> keys = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!keys.contains(key) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    keys.add(record.key());
                }
            }
            assertThat(keys).contains(key);
        }
    }

    @Test
    void shouldRefuseNotificationServiceReadingTheEncountersItDoesNotConsume() {
        try (KafkaConsumer<String, String> consumer = consumer("notification-service", "notification-service")) {
            consumer.assign(List.of(new TopicPartition("patient.encounters.v1", 0)));
            consumer.seekToBeginning(consumer.assignment());

            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining("patient.encounters.v1");
        }
    }

    @Test
    void shouldLetOnlyPatientServiceReadWhoLookedAtWhichPatient() throws Exception {
        String key = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer("collaboration-service")) {
            producer.send(new ProducerRecord<>("collaboration.access.v1", key, "{}")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = consumer("patient-service", "patient-service")) {
            consumer.subscribe(List.of("collaboration.access.v1"));
            List<String> keys = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!keys.contains(key) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> keys.add(record.key()));
            }
            assertThat(keys).contains(key);
        }
        // the access log says who looked at which patient: notification-service has no business reading it
        try (KafkaConsumer<String, String> consumer = consumer("notification-service", "notification-service")) {
            consumer.assign(List.of(new TopicPartition("collaboration.access.v1", 0)));
            consumer.seekToBeginning(consumer.assignment());

            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void shouldRefuseTrajectoryServiceWritingTheHandoversCollaborationServiceOwns() {
        try (KafkaProducer<String, String> producer = producer("trajectory-service")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("collaboration.handovers.v1", "k", "{}")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void shouldRefuseAConsumerGroupThatIsNotTheServicesOwn() {
        try (KafkaConsumer<String, String> consumer = consumer("notification-service", "trajectory-service")) {
            consumer.subscribe(List.of("collaboration.handovers.v1"));

            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(org.apache.kafka.common.errors.GroupAuthorizationException.class);
        }
    }

    @Test
    void shouldGrantEveryServiceOnlyTopicsOfItsOwnOrThoseItConsumes() {
        Map<String, Set<String>> writes = new LinkedHashMap<>();
        acls.stream().filter(acl -> acl.entry().operation() == AclOperation.WRITE)
                .forEach(acl -> writes.computeIfAbsent(acl.entry().principal(), k -> new LinkedHashSet<>()).add(acl.pattern().name()));
        // the topic's first word is its owner (architecture: <owner>.<what>.v1); dead-letter topics belong to the consumer
        writes.forEach((principal, topics) -> topics.forEach(topic -> {
            String service = principal.substring("User:".length());
            assertThat(topic.endsWith("." + service + ".dlq") || service.startsWith(topic.substring(0, topic.indexOf('.'))))
                    .as(principal + " writes " + topic).isTrue();
        }));
    }

    private static String saslWithAuthorizer(int port, int controller) {
        StringBuilder users = new StringBuilder();
        PASSWORDS.forEach((user, password) -> users.append(" user_").append(user).append("=\"").append(password).append('"'));
        return """
                # KafkaAclIT: clients authenticate (SASL PLAIN here; SCRAM or mTLS in production), nothing is allowed without an ACL
                listeners=SASL_PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%3$d
                advertised.listeners=SASL_PLAINTEXT://127.0.0.1:%1$d
                inter.broker.listener.name=SASL_PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
                sasl.enabled.mechanisms=PLAIN
                sasl.mechanism.inter.broker.protocol=PLAIN
                listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="%2$s"%4$s;
                authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                # the combined node reaches its own controller listener unauthenticated; production runs controllers apart, with SASL
                super.users=User:admin;User:ANONYMOUS
                allow.everyone.if.no.acl.found=false
                auto.create.topics.enable=false
                """.formatted(port, PASSWORDS.get("admin"), controller, users);
    }

    private static Properties client(String user) {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        properties.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        properties.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + PASSWORDS.get(user) + "\";");
        return properties;
    }

    private static KafkaProducer<String, String> producer(String user) {
        Properties properties = client(user);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "25000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String user, String group) {
        Properties properties = client(user);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    /** deploy/kafka/service-acls.txt: principal, operation, resource type, name; comments and blank lines skipped. */
    private static List<AclBinding> acls(Path file) throws IOException {
        List<AclBinding> bindings = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            assertThat(fields).as(line).hasSize(4);
            bindings.add(new AclBinding(new ResourcePattern(ResourceType.valueOf(fields[2]), fields[3], PatternType.LITERAL),
                    new AccessControlEntry(fields[0], "*", AclOperation.valueOf(fields[1]), AclPermissionType.ALLOW)));
        }
        return bindings;
    }
}
