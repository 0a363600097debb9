package no.carerelay.collaboration.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.carerelay.collaboration.care.CareRole;
import no.carerelay.collaboration.care.CareTeam;
import no.carerelay.collaboration.care.CareTeamMember;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.resourceserver.Caller;

@RestController
@RequestMapping(path = "/api/v1/patients/{patient}/care-team", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Care team", description = "Who serves the patient across hospital and municipality (FHIR CareTeam)")
class CareTeamController {

    /**
     * @param role                one of PATHWAY_COORDINATOR, CONTACT_DOCTOR, PALLIATIVE_TEAM (hospital), GP, HOME_NURSING,
     *                            MUNICIPAL_CANCER_COORDINATOR (municipality)
     * @param userId              the person's user id, when a named person holds the role
     * @param organisationNumber  nine digits (Enhetsregisteret)
     * @param herId               the organisation's address in Adresseregisteret, optional
     * @param municipality        kommunenummer; required for municipal roles, absent for hospital roles
     */
    record MemberRequest(String role, String userId, String organisationNumber, String herId, String organisationName, String municipality) {
    }

    private final CareTeam team;

    CareTeamController(CareTeam team) {
        this.team = team;
    }

    @GetMapping
    @Operation(summary = "The patient's active care team")
    List<CareTeamMember> members(@Parameter(hidden = true) Caller caller, @PathVariable String patient) {
        return team.members(Pseudonyms.require(patient, "patient"), Actor.of(caller));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a member; the caller must already have a work-related connection to the patient")
    CareTeamMember add(@Parameter(hidden = true) Caller caller, @PathVariable String patient, @RequestBody MemberRequest request) {
        Pseudonyms.require(patient, "patient");
        new Validation().oneOf(request.role(), CareRole.class, "role").require(request.role() != null, "role", "is required")
                .require(request.userId() == null || request.userId().matches("[A-Za-z0-9._@-]{1,100}"), "userId",
                        "must be 1-100 characters of [A-Za-z0-9._@-]")
                .require(request.organisationNumber() != null && request.organisationNumber().matches("[0-9]{9}"), "organisationNumber",
                        "is required: nine digits")
                .require(request.herId() == null || request.herId().matches("[0-9]{1,9}"), "herId", "must be 1-9 digits")
                .require(request.organisationName() == null || request.organisationName().length() <= 200, "organisationName",
                        "must be at most 200 characters")
                .require(request.municipality() == null || request.municipality().matches("[0-9]{4}"), "municipality",
                        "must be a four-digit kommunenummer")
                .orThrow();
        CareTeam.NewMember member = new CareTeam.NewMember(CareRole.valueOf(request.role()), request.userId(),
                new OrganisationRef(request.organisationNumber(), request.herId(), request.organisationName()), request.municipality());
        return team.add(patient, member, Actor.of(caller));
    }

    @DeleteMapping("/{memberId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End a membership (kept for the record, no longer active)")
    void remove(@Parameter(hidden = true) Caller caller, @PathVariable String patient, @PathVariable UUID memberId) {
        team.remove(Pseudonyms.require(patient, "patient"), memberId, Actor.of(caller));
    }
}
