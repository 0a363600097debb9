package no.carerelay.patient.ingest.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.patient.PatientClass;
import no.carerelay.patient.encounter.EncounterCommand;
import no.carerelay.patient.patient.InvalidNationalIdException;
import no.carerelay.patient.patient.Municipalities;
import no.carerelay.patient.patient.NationalId;
import no.carerelay.patient.patient.NationalIdValidator;
import no.carerelay.patient.patient.PatientIdentity;

/**
 * Maps a FHIR R4 Encounter to the commands that bring the stay to the state the resource describes. FHIR sends
 * states, not events, so the current stay decides: in-progress after finished cancels the discharge, the
 * discharge-ready extension appearing declares it, disappearing withdraws it. What is read from where:
 * <ul>
 * <li>the patient: a contained Patient referenced by {@code Encounter.subject}, identifier system
 * {@code urn:oid:2.16.578.1.12.4.1.4.1} (fødselsnummer), {@code .2} (D-number) or {@code .3} (H-number);
 * municipality from {@code Patient.address.district} as a kommunenummer, or its no-basis municipality-code
 * extension; death from {@code Patient.deceased[x]};</li>
 * <li>the GP practice (optional): the first {@code Patient.generalPractitioner} that is an Organization, contained
 * or as a logical reference ({@code identifier}), with its organisation number and optionally its HER-id (system
 * {@value #HER_ID}); a Practitioner reference (the GP in person) is not needed here and is skipped;</li>
 * <li>the hospital: {@code Encounter.serviceProvider.identifier} with system {@code urn:oid:2.16.578.1.12.4.1.4.101}
 * (organisation number);</li>
 * <li>the stay: {@code Encounter.identifier[0].value}; {@code class} IMP/ACUTE/AMB/EMER; {@code period};
 * {@code hospitalization.dischargeDisposition};</li>
 * <li>discharge-ready: extension {@value #DISCHARGE_READY} with a valueDateTime (when it was declared).</li>
 * </ul>
 */
@Component
class FhirEncounterMapper {

    static final String DISCHARGE_READY = "https://carerelay.no/fhir/StructureDefinition/discharge-ready";
    static final String ORGANISATION_NUMBER = "urn:oid:2.16.578.1.12.4.1.4.101";
    static final String HER_ID = "urn:oid:2.16.578.1.12.4.1.2";
    private static final Set<String> NATIONAL_ID_SYSTEMS = Set.of("urn:oid:2.16.578.1.12.4.1.4.1", "urn:oid:2.16.578.1.12.4.1.4.2",
            "urn:oid:2.16.578.1.12.4.1.4.3");
    private static final String MUNICIPALITY_EXTENSION = "http://hl7.no/fhir/StructureDefinition/no-basis-municipalitycode";

    /** Where a stay is now: hospital organisation number and visit number to status, empty when unknown. */
    interface CurrentStatus {
        Optional<String> of(String hospitalOrganisationNumber, String visitNumber);
    }

    private final NationalIdValidator nationalIds;
    private final Municipalities municipalities;

    FhirEncounterMapper(NationalIdValidator nationalIds, Municipalities municipalities) {
        this.nationalIds = nationalIds;
        this.municipalities = municipalities;
    }

    List<EncounterCommand> commands(Encounter encounter, CurrentStatus currentStatus) {
        Patient patient = patient(encounter);
        PatientIdentity identity = new PatientIdentity(nationalId(patient), municipality(patient), generalPractitioner(patient));
        OrganisationRef hospital = hospital(encounter);
        String visit = visitNumber(encounter);
        Instant now = Instant.now();
        Optional<String> current = currentStatus.of(hospital.organisationNumber(), visit);
        Encounter.EncounterStatus target = encounter.getStatus();
        if (target == null) {
            throw FhirProblem.required("Encounter.status", "the state of the stay");
        }
        Optional<Instant> dischargeReady = dischargeReady(encounter);
        List<EncounterCommand> commands = new ArrayList<>();
        switch (target) {
            case INPROGRESS, ARRIVED, TRIAGED, ONLEAVE -> {
                Instant admitted = Optional.ofNullable(encounter.getPeriod().getStart()).map(java.util.Date::toInstant).orElse(now);
                if (current.isEmpty() || current.get().equals("CANCELLED")) {
                    commands.add(new EncounterCommand.Admit(identity, hospital, visit, admitted, patientClass(encounter), null));
                } else if (current.get().equals("DISCHARGED")) {
                    commands.add(new EncounterCommand.CancelDischarge(identity, hospital, visit, now));
                }
                boolean ready = current.isPresent() && current.get().equals("DISCHARGE_READY");
                if (dischargeReady.isPresent() && !ready) {
                    commands.add(new EncounterCommand.DeclareDischargeReady(identity, hospital, visit, dischargeReady.get(), null, List.of()));
                } else if (dischargeReady.isEmpty() && ready) {
                    commands.add(new EncounterCommand.WithdrawDischargeReady(identity, hospital, visit, now));
                }
            }
            case FINISHED -> {
                if (current.isEmpty() || !current.get().equals("DISCHARGED")) {
                    Instant end = Optional.ofNullable(encounter.getPeriod().getEnd()).map(java.util.Date::toInstant).orElse(now);
                    commands.add(new EncounterCommand.Discharge(identity, hospital, visit, end, disposition(encounter), deceased(patient)));
                }
            }
            case ENTEREDINERROR, CANCELLED -> {
                if (current.isEmpty()) {
                    throw new FhirProblem(409, org.hl7.fhir.r4.model.OperationOutcome.IssueType.NOTFOUND, "Encounter.identifier",
                            "unknown-encounter", "no stay with this identifier at this hospital to cancel");
                }
                if (!current.get().equals("CANCELLED")) {
                    commands.add(new EncounterCommand.CancelAdmission(identity, hospital, visit, now));
                }
            }
            default -> throw FhirProblem.invalid("Encounter.status", "unsupported-status",
                    "Encounter.status must be in-progress, arrived, triaged, onleave, finished, cancelled or entered-in-error; planned stays are not handed over");
        }
        if (commands.isEmpty()) {
            // the stay is already as described: keep the registry current (municipality), publish nothing new
            commands.add(new EncounterCommand.UpdatePatient(identity, hospital, visit, now));
        }
        return commands;
    }

    private static Patient patient(Encounter encounter) {
        if (encounter.getSubject().getResource() instanceof Patient contained) {
            return contained; // HAPI resolves "#id" references to contained resources while parsing
        }
        String reference = encounter.getSubject().getReference();
        if (reference == null || reference.isBlank()) {
            throw FhirProblem.required("Encounter.subject", "a reference to the contained Patient");
        }
        String id = reference.startsWith("#") ? reference.substring(1) : reference;
        return encounter.getContained().stream()
                .filter(resource -> resource instanceof Patient && id.equals(resource.getIdElement().getIdPart().replace("#", "")))
                .map(Patient.class::cast)
                .findFirst()
                .orElseThrow(() -> FhirProblem.invalid("Encounter.subject", "subject-not-contained",
                        "Encounter.subject must reference a Patient contained in the Encounter (e.g. \"#patient\")"));
    }

    private NationalId nationalId(Patient patient) {
        for (Identifier identifier : patient.getIdentifier()) {
            if (NATIONAL_ID_SYSTEMS.contains(identifier.getSystem())) {
                try {
                    return nationalIds.validate(identifier.getValue());
                } catch (InvalidNationalIdException e) {
                    throw FhirProblem.invalid("Patient.identifier.value", "invalid-national-id", "Patient.identifier: " + e.getMessage());
                }
            }
        }
        throw FhirProblem.required("Patient.identifier", "a Norwegian national ID with system urn:oid:2.16.578.1.12.4.1.4.1, .2 or .3");
    }

    private String municipality(Patient patient) {
        for (Address address : patient.getAddress()) {
            String code = null;
            Extension extension = address.getDistrictElement().getExtensionByUrl(MUNICIPALITY_EXTENSION);
            if (extension != null && extension.getValue() instanceof Coding coding) {
                code = coding.getCode();
            } else if (address.hasDistrict()) {
                code = address.getDistrict().trim();
            }
            if (code != null) {
                if (!code.matches("[0-9]{4}")) {
                    throw FhirProblem.invalid("Patient.address.district", "invalid-municipality", "Patient.address.district must be a four-digit kommunenummer");
                }
                if (!municipalities.exists(code)) {
                    throw FhirProblem.invalid("Patient.address.district", "unknown-municipality",
                            "Patient.address.district: " + code + " is not a current Norwegian municipality (SSB list of kommunenummer)");
                }
                return code;
            }
        }
        throw FhirProblem.required("Patient.address.district", "the kommunenummer of the municipality of residence");
    }

    private static OrganisationRef generalPractitioner(Patient patient) {
        for (Reference reference : patient.getGeneralPractitioner()) {
            List<Identifier> identifiers;
            String name;
            if (reference.getResource() instanceof Organization organisation) {
                identifiers = organisation.getIdentifier();
                name = organisation.getName();
            } else if (reference.getResource() == null && reference.hasIdentifier()
                    && (!reference.hasType() || "Organization".equals(reference.getType()))) {
                identifiers = List.of(reference.getIdentifier());
                name = reference.getDisplay();
            } else {
                continue; // a Practitioner, or a reference we cannot resolve: the practice is what we record
            }
            String organisationNumber = identifierValue(identifiers, ORGANISATION_NUMBER);
            if (organisationNumber == null || !organisationNumber.matches("[0-9]{9}")) {
                throw FhirProblem.invalid("Patient.generalPractitioner", "invalid-general-practitioner",
                        "Patient.generalPractitioner must identify the GP practice by a nine-digit organisation number with system "
                                + ORGANISATION_NUMBER);
            }
            String herId = identifierValue(identifiers, HER_ID);
            if (herId != null && !herId.matches("[0-9]{1,9}")) {
                throw FhirProblem.invalid("Patient.generalPractitioner", "invalid-general-practitioner",
                        "Patient.generalPractitioner: a HER-id (system " + HER_ID + ") is 1-9 digits");
            }
            return new OrganisationRef(organisationNumber, herId, name == null || name.length() > 200 ? null : name);
        }
        return null;
    }

    private static String identifierValue(List<Identifier> identifiers, String system) {
        return identifiers.stream().filter(identifier -> system.equals(identifier.getSystem())).map(Identifier::getValue)
                .filter(value -> value != null).findFirst().orElse(null);
    }

    private static OrganisationRef hospital(Encounter encounter) {
        Identifier identifier = encounter.getServiceProvider().getIdentifier();
        if (identifier == null || identifier.getValue() == null) {
            throw FhirProblem.required("Encounter.serviceProvider.identifier", "the hospital's organisation number");
        }
        if (!ORGANISATION_NUMBER.equals(identifier.getSystem()) || !identifier.getValue().matches("[0-9]{9}")) {
            throw FhirProblem.invalid("Encounter.serviceProvider.identifier", "invalid-hospital",
                    "Encounter.serviceProvider.identifier must be a nine-digit organisation number with system " + ORGANISATION_NUMBER);
        }
        String name = encounter.getServiceProvider().getDisplay();
        return new OrganisationRef(identifier.getValue(), null, name == null || name.length() > 200 ? null : name);
    }

    private static String visitNumber(Encounter encounter) {
        if (!encounter.hasIdentifier() || encounter.getIdentifierFirstRep().getValue() == null) {
            throw FhirProblem.required("Encounter.identifier", "the hospital's id of the stay");
        }
        String value = encounter.getIdentifierFirstRep().getValue();
        if (!value.matches("[A-Za-z0-9._-]{1,64}")) {
            throw FhirProblem.invalid("Encounter.identifier.value", "invalid-visit-number",
                    "Encounter.identifier.value must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    private static PatientClass patientClass(Encounter encounter) {
        String code = encounter.getClass_().getCode();
        if (code == null) {
            throw FhirProblem.required("Encounter.class", "v3 ActCode IMP, ACUTE, AMB or EMER");
        }
        return switch (code) {
            case "IMP", "ACUTE", "NONAC" -> PatientClass.INPATIENT;
            case "AMB" -> PatientClass.OUTPATIENT;
            case "EMER" -> PatientClass.EMERGENCY;
            default -> throw FhirProblem.invalid("Encounter.class", "unsupported-class", "Encounter.class must be IMP, ACUTE, NONAC, AMB or EMER");
        };
    }

    private static Optional<Instant> dischargeReady(Encounter encounter) {
        Extension extension = encounter.getExtensionByUrl(DISCHARGE_READY);
        if (extension == null) {
            return Optional.empty();
        }
        if (!(extension.getValue() instanceof DateTimeType declared) || declared.getValue() == null) {
            throw FhirProblem.invalid("Encounter.extension('" + DISCHARGE_READY + "')", "invalid-discharge-ready",
                    "the discharge-ready extension must carry valueDateTime: when the patient was declared discharge-ready");
        }
        return Optional.of(declared.getValue().toInstant());
    }

    private static String disposition(Encounter encounter) {
        String code = encounter.getHospitalization().getDischargeDisposition().getCodingFirstRep().getCode();
        if (code != null && !code.matches("[A-Za-z0-9_-]{1,20}")) {
            throw FhirProblem.invalid("Encounter.hospitalization.dischargeDisposition", "invalid-disposition",
                    "the discharge disposition must be a code of 1-20 letters or digits");
        }
        return code;
    }

    private static boolean deceased(Patient patient) {
        return (patient.hasDeceasedBooleanType() && patient.getDeceasedBooleanType().booleanValue()) || patient.hasDeceasedDateTimeType();
    }
}
