package no.carerelay.patient.ingest.hl7;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Builds HL7 v2.5 ADT messages the way Norwegian hospital systems send them, field by field. */
final class AdtMessages {

    static final String HOSPITAL = "983974899";

    String trigger = "A01";
    String structure = "ADT_A01";
    String controlId = "CTRL-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    String nationalId;
    String identifierType = "NNNOR";
    String municipality = "0301";
    String visit = "V" + java.util.UUID.randomUUID().toString().substring(0, 8);
    String patientClass = "I";
    String eventTime = "20261122101500+0100";
    String gpOrganisation = "912345678";
    String transferTo;
    String disposition;
    String dischargeTime;
    String expectedDischarge;
    String deathIndicator;
    String messageType = "ADT";

    AdtMessages(String nationalId) {
        this.nationalId = nationalId;
    }

    AdtMessages event(String trigger, String structure) {
        this.trigger = trigger;
        this.structure = structure;
        this.controlId = "CTRL-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        return this;
    }

    String build() {
        List<String> segments = new ArrayList<>();
        segments.add("MSH|^~\\&|DIPS|Testfold HF^" + HOSPITAL + "^NO-ORG|CARERELAY|CARERELAY|20261122101500+0100||" + messageType + "^" + trigger
                + "^" + structure + "|" + controlId + "|P|2.5");
        segments.add("EVN|" + trigger + "|" + eventTime);
        List<String> pid = fields(31);
        pid.set(3, nationalId + "^^^FNR^" + identifierType);
        pid.set(5, "Testesen^Kari");
        pid.set(7, "19850315");
        pid.set(8, "F");
        pid.set(11, "Storgata 1^^Oslo^^0150^NOR^H^^" + (municipality == null ? "" : municipality));
        if (deathIndicator != null) {
            pid.set(30, deathIndicator);
        }
        segments.add("PID" + String.join("|", pid).substring(0));
        if (gpOrganisation != null) {
            segments.add("PD1|||Legesenteret Sentrum^^^^^^^^^" + gpOrganisation);
        }
        List<String> pv1 = fields(46);
        pv1.set(2, patientClass == null ? "" : patientClass);
        pv1.set(3, transferTo == null ? "MED^101^1" : "KIR^202^1^Nabosykehuset HF&" + transferTo);
        pv1.set(19, visit == null ? "" : visit);
        pv1.set(36, disposition == null ? "" : disposition);
        pv1.set(44, "20261120080000+0100");
        pv1.set(45, dischargeTime == null ? "" : dischargeTime);
        segments.add("PV1" + String.join("|", pv1));
        if (expectedDischarge != null) {
            List<String> pv2 = fields(10);
            pv2.set(9, expectedDischarge);
            segments.add("PV2" + String.join("|", pv2));
        }
        return String.join("\r", segments) + "\r";
    }

    /** Index 0 stays empty so that list index n is field n once joined with a leading separator. */
    private static List<String> fields(int count) {
        return new ArrayList<>(Collections.nCopies(count + 1, ""));
    }
}
