package no.carerelay.collaboration.config;

import static no.carerelay.resourceserver.EndpointRule.rule;
import static no.carerelay.resourceserver.Role.AUDITOR;
import static no.carerelay.resourceserver.Role.MUNICIPAL_COORDINATOR;
import static no.carerelay.resourceserver.Role.MUNICIPALITY;
import static no.carerelay.resourceserver.Role.PATHWAY_COORDINATOR;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.carerelay.resourceserver.EndpointRule;

/**
 * Who may call which endpoint of collaboration-service, by role. Which cases and patients a caller may then see or
 * change is the domain's decision, from the token's claims: a municipality only the cases addressed to its
 * kommunenummer ({@code HandoverCases}), anyone only the patients they have a work-related connection to
 * ({@code PatientAccess}).
 *
 * <ul>
 *   <li>Handover cases are read by the addressed municipality (its system and its coordinator) and followed by the
 *       hospital's pathway coordinator; they are answered (receive, accept, reject, complete) by the addressed
 *       municipality only, as the domain allows ({@code HandoverStatus.nextByMunicipality}): completing is the
 *       municipality's report that the handover was done (discharge-ready cases also complete by themselves when the
 *       patient leaves the hospital), so the pathway coordinator cannot complete.</li>
 *   <li>Care data (care team, tasks, individual plan, needs assessments) and the worklist are the coordinators'
 *       work, on both sides; a municipality's system does not get them.</li>
 *   <li>The access log is for auditors.</li>
 * </ul>
 * Hospital systems and operators call nothing here.
 */
@Configuration
class ApiAccessRules {

    @Bean
    EndpointRule.Rules collaborationServiceEndpointRules() {
        return EndpointRule.Rules.of(
                rule(GET, "/api/v1/handover-cases", MUNICIPALITY, MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(GET, "/api/v1/handover-cases/{caseId}", MUNICIPALITY, MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(POST, "/api/v1/handover-cases/{caseId}/receive", MUNICIPALITY, MUNICIPAL_COORDINATOR),
                rule(POST, "/api/v1/handover-cases/{caseId}/accept", MUNICIPALITY, MUNICIPAL_COORDINATOR),
                rule(POST, "/api/v1/handover-cases/{caseId}/reject", MUNICIPALITY, MUNICIPAL_COORDINATOR),
                rule(POST, "/api/v1/handover-cases/{caseId}/complete", MUNICIPALITY, MUNICIPAL_COORDINATOR),

                rule(GET, "/api/v1/patients/{patient}/care-team", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(POST, "/api/v1/patients/{patient}/care-team", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(DELETE, "/api/v1/patients/{patient}/care-team/{memberId}", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(GET, "/api/v1/patients/{patient}/tasks", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(POST, "/api/v1/patients/{patient}/tasks", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(POST, "/api/v1/tasks/{taskId}/start", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(POST, "/api/v1/tasks/{taskId}/complete", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(POST, "/api/v1/tasks/{taskId}/cancel", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(GET, "/api/v1/patients/{patient}/individual-plan", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(PUT, "/api/v1/patients/{patient}/individual-plan", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(GET, "/api/v1/patients/{patient}/needs-assessments", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(POST, "/api/v1/patients/{patient}/needs-assessments", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(GET, "/api/v1/worklist", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),
                rule(GET, "/api/v1/worklist/patients", MUNICIPAL_COORDINATOR, PATHWAY_COORDINATOR),

                rule(GET, "/api/v1/audit/access-log", AUDITOR),
                rule(GET, "/api/v1/audit/access-log/verification", AUDITOR));
    }
}
