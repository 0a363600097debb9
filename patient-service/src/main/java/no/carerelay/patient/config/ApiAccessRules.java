package no.carerelay.patient.config;

import static no.carerelay.resourceserver.EndpointRule.rule;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.carerelay.resourceserver.EndpointRule;
import no.carerelay.resourceserver.Role;

/**
 * Who may call which endpoint of patient-service: hospitals send, operators read the ingest log (pseudonyms and
 * outcomes only), a patient reads who looked at their own data (found by the token's pid, which the answer never
 * contains), an auditor reads the access log and whether its chain is intact. Nothing here returns a national ID
 * to anyone. MLLP has its own guard (allowed senders, TLS).
 */
@Configuration
class ApiAccessRules {

    @Bean
    EndpointRule.Rules patientServiceEndpointRules() {
        return EndpointRule.Rules.of(
                rule(POST, "/api/v1/discharge-ready-notices", Role.HOSPITAL_SYSTEM),
                rule(POST, "/fhir/Encounter", Role.HOSPITAL_SYSTEM),
                rule(PUT, "/fhir/Encounter/{id}", Role.HOSPITAL_SYSTEM),
                rule(GET, "/api/v1/ingest-log", Role.OPERATOR),
                rule(GET, "/api/v1/me/access-log", Role.PATIENT),
                rule(GET, "/api/v1/audit/access-log", Role.AUDITOR),
                rule(GET, "/api/v1/audit/access-log/verification", Role.AUDITOR));
    }
}
