package no.carerelay.patient.ingest.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jakarta.servlet.http.HttpServletRequest;
import no.carerelay.patient.encounter.EncounterCommand;
import no.carerelay.patient.encounter.EncounterConflictException;
import no.carerelay.patient.encounter.EncounterStateException;
import no.carerelay.patient.encounter.Encounters;
import no.carerelay.patient.encounter.IngestReceipt;
import no.carerelay.patient.encounter.IngestRejections;

/**
 * The FHIR R4 channel: {@code POST /fhir/Encounter} and {@code PUT /fhir/Encounter/{id}} with
 * {@code application/fhir+json}. Answers 201/200 once durable; every error is an OperationOutcome.
 */
@RestController
@RequestMapping("/fhir")
class FhirEncounterController {

    static final String CHANNEL = "FHIR";
    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern ELEMENT = Pattern.compile("\\[element=\"([A-Za-z0-9_.\\[\\]]{1,100})\"\\]");
    private static final Logger log = LoggerFactory.getLogger(FhirEncounterController.class);

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final FhirEncounterMapper mapper;
    private final Encounters encounters;
    private final IngestRejections rejections;

    FhirEncounterController(FhirEncounterMapper mapper, Encounters encounters, IngestRejections rejections) {
        this.mapper = mapper;
        this.encounters = encounters;
        this.rejections = rejections;
    }

    @PostMapping("/Encounter")
    ResponseEntity<String> create(HttpServletRequest request, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return handle(request, null, key, 201);
    }

    @PutMapping("/Encounter/{id}")
    ResponseEntity<String> update(HttpServletRequest request, @PathVariable String id,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return handle(request, id, key, 200);
    }

    private ResponseEntity<String> handle(HttpServletRequest request, String pathId, String idempotencyKey, int successStatus) {
        try {
            if (pathId != null && !FHIR_ID.matcher(pathId).matches()) {
                throw FhirProblem.invalid("Encounter.id", "invalid-id", "the id in the URL is not a FHIR id ([A-Za-z0-9-.]{1,64})");
            }
            checkContentType(request.getContentType());
            byte[] body = read(request);
            Encounter encounter = parse(body);
            if (pathId != null && encounter.hasIdElement() && !pathId.equals(encounter.getIdElement().getIdPart())) {
                throw new FhirProblem(400, OperationOutcome.IssueType.INVALID, "Encounter.id", "id-mismatch",
                        "Encounter.id must equal the id in the URL");
            }
            List<EncounterCommand> commands = mapper.commands(encounter, encounters::status);
            IngestReceipt receipt = encounters.acceptAll(CHANNEL, key(pathId, encounter, idempotencyKey, body), commands);
            String outcome = outcome(OperationOutcome.IssueSeverity.INFORMATION, OperationOutcome.IssueType.INFORMATIONAL, null,
                    (receipt.duplicate() ? "already accepted: " : "accepted: ") + commands.stream().map(EncounterCommand::messageType).toList());
            return ResponseEntity.status(successStatus)
                    .header(HttpHeaders.LOCATION, "Encounter/" + (pathId != null ? pathId : receipt.encounterId()))
                    .contentType(FHIR_JSON)
                    .body(outcome);
        } catch (FhirProblem problem) {
            rejections.record(CHANNEL, "Encounter", null, null, problem.reasonCode(), problem.getMessage());
            return error(problem.status(), problem.type(), problem.expression(), problem.getMessage());
        } catch (EncounterStateException | EncounterConflictException e) {
            rejections.record(CHANNEL, "Encounter", null, null, "encounter-state", e.getMessage());
            return error(409, OperationOutcome.IssueType.CONFLICT, "Encounter.status", e.getMessage());
        }
    }

    private static void checkContentType(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            type = null;
        }
        if (type == null || !(FHIR_JSON.includes(type) || MediaType.APPLICATION_JSON.includes(type))) {
            throw new FhirProblem(415, OperationOutcome.IssueType.NOTSUPPORTED, null, "unsupported-media-type",
                    "send the Encounter as application/fhir+json (FHIR R4 JSON)");
        }
        if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
            throw new FhirProblem(415, OperationOutcome.IssueType.NOTSUPPORTED, null, "unsupported-charset", "FHIR JSON is UTF-8");
        }
    }

    private static byte[] read(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new FhirProblem(400, OperationOutcome.IssueType.STRUCTURE, null, "unreadable-body", "the request body could not be read");
        }
    }

    private static FhirProblem tooLarge() {
        return new FhirProblem(413, OperationOutcome.IssueType.TOOLONG, null, "too-large", "an Encounter is at most " + MAX_BODY_BYTES / 1024 + " KiB");
    }

    private Encounter parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new FhirProblem(400, OperationOutcome.IssueType.STRUCTURE, null, "invalid-utf8", "the body is not valid UTF-8");
        }
        IBaseResource resource;
        try {
            IParser parser = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
            resource = parser.parseResource(text);
        } catch (DataFormatException | IllegalArgumentException | ClassCastException e) {
            // HAPI's message may quote values (a national ID among them): name the element only
            Matcher element = ELEMENT.matcher(String.valueOf(e.getMessage()));
            String where = element.find() ? element.group(1) : null;
            throw new FhirProblem(400, OperationOutcome.IssueType.STRUCTURE, where == null ? null : "Encounter." + where, "unparseable",
                    "the body is not a valid FHIR R4 JSON resource" + (where == null ? "" : "; check element '" + where + "'"));
        }
        if (!(resource instanceof Encounter encounter)) {
            throw new FhirProblem(400, OperationOutcome.IssueType.INVALID, null, "wrong-resource-type",
                    "this endpoint takes an Encounter, not a " + resource.getClass().getSimpleName());
        }
        return encounter;
    }

    /** Resource id and version when the sender versions its resources; else its Idempotency-Key; else the body's hash. */
    private static String key(String pathId, Encounter encounter, String idempotencyKey, byte[] body) {
        String id = pathId != null ? pathId : encounter.getIdElement().getIdPart();
        String version = encounter.getMeta().getVersionId();
        if (id != null && version != null) {
            return "Encounter/" + id + "/_history/" + version;
        }
        if (idempotencyKey != null && idempotencyKey.matches("[\\x21-\\x7E]{1,128}")) {
            return "key:" + idempotencyKey;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<String> error(int status, OperationOutcome.IssueType type, String expression, String diagnostics) {
        return ResponseEntity.status(status).contentType(FHIR_JSON)
                .body(outcome(OperationOutcome.IssueSeverity.ERROR, type, expression, diagnostics));
    }

    private String outcome(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType type, String expression, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue().setSeverity(severity).setCode(type).setDiagnostics(diagnostics);
        if (expression != null) {
            issue.addExpression(expression);
        }
        return fhir.newJsonParser().encodeResourceToString(outcome);
    }

}
