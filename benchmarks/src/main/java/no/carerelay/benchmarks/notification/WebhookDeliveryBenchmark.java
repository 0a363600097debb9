package no.carerelay.benchmarks.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Topics;
import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.notification.NotificationServiceApplication;
import no.carerelay.testkit.TestInfrastructure;

/**
 * The real notification-service (Spring context, PostgreSQL 17 and the Kafka broker from testkit, production
 * configuration apart from allowing a loopback http receiver) delivering HandoverOpened webhooks to one local receiver
 * that answers 204 at once. Each event is a different patient, as in production, so per-patient order does not
 * serialise them.
 *
 * <ul>
 * <li>{@code addedLatency} (sample time): one event at a time, from handing the record to Kafka to the webhook
 * arriving at the receiver: Kafka consume, the idempotency check, the delivery row, the dispatcher's lease,
 * signing, the guarded HTTP call. Its percentiles are the service's added latency when it is not loaded.</li>
 * <li>{@code deliveries} (throughput): bursts of {@value #BURST} events produced at once; the score is webhooks
 * delivered per second, each recorded in the log with its outcome event on notification.deliveries.v1.</li>
 * </ul>
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests} then
 * {@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main WebhookDeliveryBenchmark}
 * ({@code ./benchmarks/run-jmh WebhookDeliveryBenchmark} does the same but installs the modules first).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class WebhookDeliveryBenchmark {

    static final int BURST = 500;

    private ConfigurableApplicationContext service;
    private LocalReceiver receiver;
    private KafkaProducer<String, byte[]> producer;
    private final EventCodec codec = new EventCodec();
    private final String municipality = "0301";

    @Setup(Level.Trial)
    public void startService() throws Exception {
        List<String> args = new ArrayList<>();
        TestInfrastructure.springProperties("notification_bench").forEach((name, value) -> args.add("--" + name + "=" + value));
        args.addAll(List.of("--server.port=0", "--carerelay.notification.allow-insecure-urls=true", "--logging.level.root=WARN"));
        service = NotificationServiceApplication.application().run(args.toArray(String[]::new));
        receiver = new LocalReceiver();
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhook-subscriptions"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", TestInfrastructure.tokens().bearer("municipality", municipality))
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"municipality":"%s","url":"%s","eventTypes":["%s"]}""".formatted(municipality, receiver.url(),
                                EventTypes.HANDOVER_OPENED.name()))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("subscription refused: " + created.body());
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        send().get(120, TimeUnit.SECONDS); // the consumer has joined its group and the path is warm
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long addedLatency() throws Exception {
        long start = System.nanoTime();
        return send().get(30, TimeUnit.SECONDS) - start;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BURST)
    public void deliveries() throws Exception {
        List<CompletableFuture<Long>> arrivals = new ArrayList<>(BURST);
        for (int i = 0; i < BURST; i++) {
            arrivals.add(send());
        }
        CompletableFuture.allOf(arrivals.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
    }

    /** One HandoverOpened for a new patient; completes when its webhook arrives. */
    private CompletableFuture<Long> send() {
        String pseudonym = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope<HandoverOpened> event = EventEnvelope.of(EventTypes.HANDOVER_OPENED, "/carerelay/collaboration-service", pseudonym,
                new HandoverOpened(UUID.randomUUID(), UUID.randomUUID(), pseudonym, municipality, HandoverReason.DISCHARGE_READY,
                        "Answer today", now.plus(8, ChronoUnit.HOURS), new OrganisationRef("983974899", null, null), now));
        CompletableFuture<Long> arrival = receiver.expect(event.data().caseId().toString());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.COLLABORATION_HANDOVERS, pseudonym, codec.writeData(event.data()));
        event.headers().forEach((name, value) -> record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        producer.send(record);
        return arrival;
    }

    @TearDown(Level.Trial)
    public void stop() {
        System.out.println("receiver: " + receiver.received.get() + " webhooks, " + receiver.duplicates.get() + " duplicates or unexpected");
        producer.close();
        receiver.close();
        service.close();
    }
}
