package no.carerelay.patient.ingest.fhir;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
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

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import no.carerelay.patient.encounter.EncounterCommand;
import no.carerelay.patient.patient.Municipalities;
import no.carerelay.patient.patient.NationalIdValidator;
import no.carerelay.testkit.SyntheticNationalIds;

/** FHIR R4 channel: parse an Encounter (HAPI FHIR JSON, strict) and validate and map it, as POST /fhir/Encounter does. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FhirIngestBenchmark {

    private final String[] bodies = new String[64];
    private FhirContext fhir;
    private FhirEncounterMapper mapper;
    private int next;

    @Setup
    public void setUp() {
        fhir = FhirContext.forR4Cached();
        mapper = new FhirEncounterMapper(new NationalIdValidator(true), new Municipalities(new ClassPathResource("reference/kommunenummer.csv")));
        Random random = new Random(1);
        for (int i = 0; i < bodies.length; i++) {
            Patient patient = new Patient();
            patient.setId("patient");
            patient.addIdentifier(new Identifier().setSystem("urn:oid:2.16.578.1.12.4.1.4.1").setValue(SyntheticNationalIds.fodselsnummer(random)));
            patient.addAddress().setDistrict("0301");
            Encounter encounter = new Encounter();
            encounter.addContained(patient);
            encounter.setSubject(new Reference("#patient"));
            encounter.addIdentifier().setValue("V" + i);
            encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
            encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", null));
            encounter.setServiceProvider(new Reference().setIdentifier(new Identifier().setSystem(FhirEncounterMapper.ORGANISATION_NUMBER)
                    .setValue("983974899")));
            encounter.getPeriod().setStart(new Date());
            encounter.addExtension(FhirEncounterMapper.DISCHARGE_READY, new DateTimeType(new Date()));
            bodies[i] = fhir.newJsonParser().encodeResourceToString(encounter);
        }
    }

    @Benchmark
    public List<EncounterCommand> parseValidateMap() {
        Encounter encounter = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                .parseResource(Encounter.class, bodies[next++ & 63]);
        return mapper.commands(encounter, (hospital, visit) -> Optional.of("ADMITTED"));
    }
}
