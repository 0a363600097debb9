package no.carerelay.patient.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.core.io.ClassPathResource;

import no.carerelay.patient.encounter.EncounterCommand;
import no.carerelay.patient.patient.Municipalities;
import no.carerelay.patient.patient.NationalIdValidator;
import no.carerelay.testkit.SyntheticNationalIds;
import tools.jackson.databind.json.JsonMapper;

/** JSON channel: bind a discharge-ready notice (Jackson 3) and validate and map it, as the controller does. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonIngestBenchmark {

    private final byte[][] bodies = new byte[64][];
    private final JsonMapper json = JsonMapper.builder().build();
    private DischargeReadyNoticeMapper mapper;
    private int next;

    @Setup
    public void setUp() {
        mapper = new DischargeReadyNoticeMapper(new NationalIdValidator(true), new Municipalities(new ClassPathResource("reference/kommunenummer.csv")));
        Random random = new Random(1);
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = ("{\"nationalId\":\"" + SyntheticNationalIds.fodselsnummer(random) + "\",\"municipality\":\"0301\","
                    + "\"hospital\":{\"organisationNumber\":\"983974899\",\"herId\":\"90234\",\"name\":\"Testfold HF\"},"
                    + "\"visitNumber\":\"V" + i + "\",\"declaredAt\":\"" + Instant.now().minusSeconds(60) + "\","
                    + "\"expectedDischargeDate\":\"2026-11-24\",\"careNeeds\":[\"HOME_NURSING\"]}").getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public EncounterCommand parseValidateMap() {
        return mapper.toCommand(json.readValue(bodies[next++ & 63], DischargeReadyNoticeRequest.class));
    }
}
