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

import no.carerelay.patient.encounter.DischargeReadyNotice;
import no.carerelay.patient.encounter.DischargeReadyNotices;

/** The JSON channel for hospital systems without HL7 v2 or FHIR. */
@RestController
@RequestMapping("/api/v1/discharge-ready-notices")
class DischargeReadyNoticeController {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final DischargeReadyNoticeMapper mapper;
    private final DischargeReadyNotices notices;

    DischargeReadyNoticeController(DischargeReadyNoticeMapper mapper, DischargeReadyNotices notices) {
        this.mapper = mapper;
        this.notices = notices;
    }

    /**
     * 202 once the notice is durable. Without an {@code Idempotency-Key} the key is the hospital, the visit and
     * the declaration time, so a resend of the same notice is still recognised.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IngestReceiptResponse> declare(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody DischargeReadyNoticeRequest request) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("Idempotency-Key",
                    "header must be 1-128 visible ASCII characters")));
        }
        DischargeReadyNotice notice = mapper.toNotice(request);
        String key = idempotencyKey != null ? "key:" + idempotencyKey
                : "natural:" + notice.hospital().organisationNumber() + "/" + notice.visitNumber() + "/" + notice.declaredAt();
        return ResponseEntity.accepted().body(IngestReceiptResponse.of(notices.accept("JSON", key, notice)));
    }
}
