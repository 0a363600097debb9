package no.carerelay.notification.web;

import java.util.List;

/**
 * @param role               MUNICIPAL_CANCER_COORDINATOR (with municipality) or PATHWAY_COORDINATOR (with organisationNumber)
 * @param channel            EMAIL or SMS
 * @param address            an e-mail address, or a phone number in international form (+4791234567)
 */
record ContactPreferenceRequest(String role, String municipality, String organisationNumber, String channel, String address,
        List<String> eventTypes) {

    @Override
    public String toString() {
        return "ContactPreferenceRequest[role=" + role + ", channel=" + channel + ", address=***]";
    }
}
