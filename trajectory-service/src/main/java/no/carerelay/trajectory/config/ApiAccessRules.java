package no.carerelay.trajectory.config;

import static no.carerelay.resourceserver.EndpointRule.rule;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.carerelay.resourceserver.EndpointRule;
import no.carerelay.resourceserver.Role;

/**
 * Who may call which endpoint of trajectory-service. Hospitals and pathway coordinators register milestones; pathway
 * and municipal coordinators read a patient's timeline (a municipal coordinator only for the patients of its own
 * municipality, checked in {@code TrajectoryController}). The pathway definitions are reference data, open to every
 * role; lead-time compliance is aggregates per pathway and trust, with no patient in them. Auditors read the access
 * log and its verification, nothing else.
 */
@Configuration
class ApiAccessRules {

    @Bean
    EndpointRule.Rules trajectoryServiceEndpointRules() {
        return EndpointRule.Rules.of(
                rule(POST, "/api/v1/patients/{pseudonym}/pathway-events", Role.HOSPITAL_SYSTEM, Role.PATHWAY_COORDINATOR),
                rule(GET, "/api/v1/patients/{pseudonym}/trajectories", Role.PATHWAY_COORDINATOR, Role.MUNICIPAL_COORDINATOR),
                rule(GET, "/api/v1/pathways", Role.HOSPITAL_SYSTEM, Role.MUNICIPALITY, Role.MUNICIPAL_COORDINATOR, Role.PATHWAY_COORDINATOR,
                        Role.OPERATOR, Role.AUDITOR),
                rule(GET, "/api/v1/lead-time-compliance", Role.OPERATOR, Role.PATHWAY_COORDINATOR, Role.MUNICIPAL_COORDINATOR),
                rule(GET, "/api/v1/audit/access-log", Role.AUDITOR),
                rule(GET, "/api/v1/audit/access-log/verification", Role.AUDITOR));
    }
}
