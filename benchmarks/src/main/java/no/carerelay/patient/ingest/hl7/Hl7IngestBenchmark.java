package no.carerelay.patient.ingest.hl7;

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

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.Parser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import no.carerelay.patient.encounter.EncounterCommand;
import no.carerelay.patient.patient.Municipalities;
import no.carerelay.patient.patient.NationalIdValidator;
import no.carerelay.testkit.SyntheticNationalIds;

/** HL7 v2 channel: parse an ADT^A16 (HAPI, v2.5 structures) and validate and map it to a command, as the MLLP listener does. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Hl7IngestBenchmark {

    private final String[] messages = new String[64];
    private Parser parser;
    private Hl7AdtMapper mapper;
    private int next;

    @Setup
    public void setUp() {
        HapiContext context = new DefaultHapiContext();
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        parser = context.getPipeParser();
        mapper = new Hl7AdtMapper(new NationalIdValidator(true), new Municipalities(new ClassPathResource("reference/kommunenummer.csv")));
        Random random = new Random(1);
        for (int i = 0; i < messages.length; i++) {
            messages[i] = "MSH|^~\\&|DIPS|Testfold HF^983974899^NO-ORG|CARERELAY|CARERELAY|20261122101500+0100||ADT^A16^ADT_A16|C" + i + "|P|2.5\r"
                    + "EVN|A16|20261122101500+0100\r"
                    + "PID|||" + SyntheticNationalIds.fodselsnummer(random) + "^^^FNR^NNNOR||Testesen^Kari||19850315|F|||Storgata 1^^Oslo^^0150^NOR^H^^0301\r"
                    + "PD1|||Legesenteret^^^^^^^^^912345678\r"
                    + "PV1||I|MED^101^1||||||||||||||||V" + i + "|||||||||||||||||||||||||20261120080000+0100\r"
                    + "PV2|||||||||20261125\r";
        }
    }

    @Benchmark
    public EncounterCommand parseValidateMap() throws Exception {
        return mapper.map(parser.parse(messages[next++ & 63]));
    }
}
