package no.carerelay.patient.ingest.hl7;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.protocol.ReceivingApplicationException;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import no.carerelay.patient.encounter.Encounters;
import no.carerelay.patient.encounter.IngestRejections;

/**
 * The HL7 v2 MLLP listener (HAPI's server), port {@code carerelay.patient.mllp.port} (2575), optionally TLS
 * ({@code carerelay.patient.mllp.tls.*}), answering only the sending facilities in
 * {@code carerelay.patient.mllp.allowed-senders} (organisation numbers, MSH-4-2) when that is set. Every version from
 * 2.1 to 2.6 is read into v2.5 structures. A message HAPI cannot parse is answered AR with our own ERR text: HAPI's
 * parse errors quote the message, and the message holds a national ID number.
 */
@Component
@ConditionalOnProperty(name = "carerelay.patient.mllp.enabled", havingValue = "true", matchIfMissing = true)
class MllpListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MllpListener.class);

    private final HapiContext context;
    private final HL7Service server;
    private final IngestRejections rejections;
    private final int port;
    private final boolean tls;
    private volatile boolean running;

    MllpListener(@Value("${carerelay.patient.mllp.port:2575}") int port,
            @Value("${carerelay.patient.mllp.allowed-senders:}") List<String> allowedSenders,
            @Value("${carerelay.patient.mllp.tls.enabled:false}") boolean tlsEnabled,
            @Value("${carerelay.patient.mllp.tls.key-store:}") String keyStore,
            @Value("${carerelay.patient.mllp.tls.key-store-password:}") String keyStorePassword,
            @Value("${carerelay.patient.mllp.tls.key-store-type:PKCS12}") String keyStoreType,
            Hl7AdtMapper mapper, Encounters encounters, IngestRejections rejections, MeterRegistry meters) {
        this.port = port;
        this.rejections = rejections;
        this.tls = tlsEnabled;
        Set<String> senders = allowedSenders.stream().map(String::trim).filter(sender -> !sender.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (senders.isEmpty()) {
            log.warn("MLLP accepts any sending facility: set carerelay.patient.mllp.allowed-senders (MLLP_ALLOWED_SENDERS) in production");
        }
        context = new DefaultHapiContext();
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
        // we check every field we use ourselves and say exactly what is wrong
        context.setValidationContext(ValidationContextFactory.noValidation());
        // HAPI's default ACK control-id generator keeps a counter in ./id_file; ours need not survive a restart
        context.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator());
        if (tlsEnabled) {
            if (keyStore.isBlank()) {
                throw new IllegalStateException("carerelay.patient.mllp.tls.enabled needs carerelay.patient.mllp.tls.key-store (MLLP_TLS_KEY_STORE)");
            }
            context.setSocketFactory(new MllpTlsSocketFactory(Path.of(keyStore), keyStorePassword.toCharArray(), keyStoreType));
        }
        server = context.newServer(port, tlsEnabled);
        server.registerApplication(timed(new AdtReceiver(mapper, encounters, rejections, senders), meters));
        server.setExceptionHandler(this::unparseable);
    }

    /**
     * {@code carerelay.mllp.message{ack}}: time from a parsed message to its acknowledgement (the database commit
     * included), tagged with the MSA-1 code the hospital gets (AA, AE, AR): bounded, nothing from the message.
     */
    static ReceivingApplication<Message> timed(ReceivingApplication<Message> receiver, MeterRegistry meters) {
        return new ReceivingApplication<>() {
            @Override
            public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception, ReceivingApplicationException {
                long start = System.nanoTime();
                String ack = "error";
                try {
                    Message response = receiver.processMessage(message, metadata);
                    ack = acknowledgement(response);
                    return response;
                } finally {
                    Timer.builder("carerelay.mllp.message").description("HL7 v2 message over MLLP, from parse to acknowledgement")
                            .tag("ack", ack).register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
            }

            @Override
            public boolean canProcess(Message message) {
                return receiver.canProcess(message);
            }
        };
    }

    private static String acknowledgement(Message response) {
        try {
            String code = new Terser(response).get("/MSA-1");
            return code == null || !code.matches("[AC][AER]") ? "unknown" : code;
        } catch (HL7Exception | RuntimeException e) {
            return "unknown";
        }
    }

    private String unparseable(String incoming, Map<String, Object> metadata, String outgoing, Exception e) {
        ErrorCode code = e instanceof HL7Exception hl7 && hl7.getErrorCode() != 0 ? ErrorCode.errorCodeFor(hl7.getErrorCode())
                : ErrorCode.UNSUPPORTED_MESSAGE_TYPE;
        String reason = "the message could not be read as HL7 v2 (" + code.getMessage().toLowerCase() + "): check the MLLP framing, "
                + "the MSH segment and the segment order";
        try {
            rejections.record(AdtReceiver.CHANNEL, null, null, null, "unparseable", reason + " [" + e.getClass().getSimpleName() + "]");
        } catch (RuntimeException logFailure) {
            log.warn("Could not record an unparseable HL7 message", logFailure);
        }
        return RawAck.reject(incoming, AcknowledgmentCode.AR, code, reason);
    }

    @Override
    public void start() {
        try {
            server.startAndWait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("MLLP listener start interrupted", e);
        }
        running = true;
        log.info("HL7 v2 MLLP listener on port {}{}", port, tls ? " (TLS)" : "");
    }

    @Override
    public void stop() {
        server.stopAndWait();
        try {
            context.close();
        } catch (java.io.IOException e) {
            log.debug("closing the HAPI context", e);
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
