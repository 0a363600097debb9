package no.carerelay.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cohort made by Synthea ({@code ./benchmarks/synthea-cohort}): one FHIR R4 transaction bundle per patient. What we
 * replay is the shape of each patient's hospital life as Synthea's cancer modules simulated it: the birth date, the
 * sex and every inpatient stay ({@code Encounter.class} IMP) in chronological order. Each stay becomes admit,
 * discharge-ready and discharge. Names, addresses and Synthea's identifiers are never read.
 */
record SyntheaCohort(Path directory, List<Patient> patients, int bundles, int withoutStays) {

    /** One Synthea patient: the bundle's Patient.id, birth date, sex and inpatient stays. */
    record Patient(String syntheaId, LocalDate birthDate, boolean female, List<Stay> stays) {
    }

    /** One inpatient encounter: when Synthea admitted and discharged the patient, and why. */
    record Stay(OffsetDateTime start, OffsetDateTime end, String reason) {
    }

    static SyntheaCohort read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("--synthea: " + directory + " is not a directory (make one with ./benchmarks/synthea-cohort)");
        }
        JsonMapper json = JsonMapper.builder().build();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<Patient> patients = new ArrayList<>();
        int bundles = 0;
        int withoutStays = 0;
        for (Path file : files) {
            JsonNode bundle = json.readTree(file.toFile());
            if (!"Bundle".equals(bundle.path("resourceType").asString(""))) {
                continue; // Synthea also writes hospital and practitioner bundles when asked; they are not patients
            }
            Patient patient = patient(bundle);
            if (patient == null) {
                continue;
            }
            bundles++;
            if (patient.stays().isEmpty()) {
                withoutStays++;
            } else {
                patients.add(patient);
            }
        }
        if (patients.isEmpty()) {
            throw new IllegalArgumentException("--synthea: no patient with an inpatient stay in " + directory + " (" + bundles + " bundles)");
        }
        return new SyntheaCohort(directory, List.copyOf(patients), bundles, withoutStays);
    }

    private static Patient patient(JsonNode bundle) {
        JsonNode patient = null;
        List<Stay> stays = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            switch (resource.path("resourceType").asString("")) {
                case "Patient" -> patient = resource;
                case "Encounter" -> {
                    if ("IMP".equals(resource.path("class").path("code").asString("")) && resource.path("period").has("start")) {
                        JsonNode period = resource.path("period");
                        OffsetDateTime start = OffsetDateTime.parse(period.path("start").asString());
                        OffsetDateTime end = period.has("end") ? OffsetDateTime.parse(period.path("end").asString()) : start;
                        String reason = resource.path("reasonCode").path(0).path("coding").path(0).path("display")
                                .asString(resource.path("type").path(0).path("coding").path(0).path("display").asString("inpatient stay"));
                        stays.add(new Stay(start, end, reason));
                    }
                }
                default -> {
                }
            }
        }
        if (patient == null || !patient.has("birthDate")) {
            return null;
        }
        stays.sort(Comparator.comparing(Stay::start));
        return new Patient(patient.path("id").asString(), LocalDate.parse(patient.path("birthDate").asString()),
                "female".equals(patient.path("gender").asString("")), List.copyOf(stays));
    }

    int stays() {
        return patients.stream().mapToInt(patient -> patient.stays().size()).sum();
    }

    @Override
    public String toString() {
        return "Synthea cohort " + directory + ": " + patients.size() + " patients with " + stays() + " inpatient stays (" + withoutStays
                + " of " + bundles + " bundles had none)";
    }
}
