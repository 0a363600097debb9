package no.carerelay.patient.ingest.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class MllpLatencyTest {

    private final DefaultHapiContext hapi = new DefaultHapiContext();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void shouldTimeEveryMessageByTheAcknowledgementCodeTheHospitalGets() throws Exception {
        Message accepted = ack("AA");
        Message refused = ack("AE");
        Message incoming = hapi.getPipeParser().parse("MSH|^~\\&|DIPS|X|CARERELAY|CARERELAY|20261122101500||ADT^A01^ADT_A01|M1|P|2.5\r"
                + "EVN|A01|20261122101500\r");

        MllpListener.timed(answering(accepted), meters).processMessage(incoming, Map.of());
        MllpListener.timed(answering(accepted), meters).processMessage(incoming, Map.of());
        MllpListener.timed(answering(refused), meters).processMessage(incoming, Map.of());

        assertThat(meters.get("carerelay.mllp.message").tag("ack", "AA").timer().count()).isEqualTo(2);
        assertThat(meters.get("carerelay.mllp.message").tag("ack", "AE").timer().count()).isEqualTo(1);
    }

    @Test
    void shouldTimeAMessageWhoseHandlingFailedAsError() throws Exception {
        Message incoming = ack("AA");
        ReceivingApplication<Message> failing = new ReceivingApplication<>() {
            @Override
            public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
                throw new HL7Exception("database down");
            }

            @Override
            public boolean canProcess(Message message) {
                return true;
            }
        };

        assertThatThrownBy(() -> MllpListener.timed(failing, meters).processMessage(incoming, Map.of())).isInstanceOf(HL7Exception.class);

        assertThat(meters.get("carerelay.mllp.message").tag("ack", "error").timer().count()).isEqualTo(1);
    }

    private Message ack(String code) throws HL7Exception {
        return hapi.getPipeParser().parse("MSH|^~\\&|CARERELAY|CARERELAY|DIPS|X|20261122101500||ACK^A01^ACK|A1|P|2.5\rMSA|" + code + "|M1\r");
    }

    private static ReceivingApplication<Message> answering(Message response) {
        return new ReceivingApplication<>() {
            @Override
            public Message processMessage(Message message, Map<String, Object> metadata) {
                return response;
            }

            @Override
            public boolean canProcess(Message message) {
                return true;
            }
        };
    }
}
