package no.carerelay.patient.web;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import no.carerelay.patient.encounter.EncounterCommand;
import no.carerelay.patient.encounter.Encounters;
import no.carerelay.patient.encounter.IngestRejections;

/** The JSON channel for hospital systems without HL7 v2 or FHIR. */
@RestController
@RequestMapping("/api/v1/discharge-ready-notices")
class DischargeReadyNoticeController {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final DischargeReadyNoticeMapper mapper;
    private final Encounters encounters;
    private final IngestRejections rejections;

    DischargeReadyNoticeController(DischargeReadyNoticeMapper mapper, Encounters encounters, IngestRejections rejections) {
        this.mapper = mapper;
        this.encounters = encounters;
        this.rejections = rejections;
    }

    /**
     * 202 once the notice is durable. Without an {@code Idempotency-Key} the key is the hospital, the visit and
     * the declaration time, so a resend of the same notice is still recognised.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IngestReceiptResponse> declare(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody DischargeReadyNoticeRequest request) {
        EncounterCommand.DeclareDischargeReady command;
        try {
            if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
                throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("Idempotency-Key",
                        "header must be 1-128 visible ASCII characters")));
            }
            command = mapper.toCommand(request);
        } catch (InvalidRequestException e) {
            rejections.record("JSON", "DISCHARGE_READY", null, null, "invalid-request", e.violations().toString());
            throw e;
        }
        String key = idempotencyKey != null ? "key:" + idempotencyKey
                : "natural:" + command.hospital().organisationNumber() + "/" + command.visitNumber() + "/" + command.occurredAt();
        return ResponseEntity.accepted().body(IngestReceiptResponse.of(encounters.accept("JSON", key, command)));
    }
}
