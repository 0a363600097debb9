package no.carerelay.notification.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import no.carerelay.notification.config.NotificationProperties;
import no.carerelay.notification.subscription.WebhookSubscription;
import no.carerelay.notification.subscription.WebhookSubscriptions;
import no.carerelay.resourceserver.Caller;
import no.carerelay.resourceserver.Role;

/**
 * Webhook subscriptions. A municipality's system manages its own municipality's only, the kommunenummer in its token:
 * it subscribes for that municipality alone (naming another is a 403 and stores nothing), lists only its own, and
 * another municipality's subscription is answered as if it did not exist (404), so its ids cannot be probed. An
 * operator manages every subscription.
 */
@RestController
@RequestMapping("/api/v1/webhook-subscriptions")
class WebhookSubscriptionController {

    private final WebhookSubscriptions subscriptions;
    private final SubscriptionRequestValidator validator;

    private final NotificationProperties properties;

    WebhookSubscriptionController(WebhookSubscriptions subscriptions, SubscriptionRequestValidator validator, NotificationProperties properties) {
        this.subscriptions = subscriptions;
        this.validator = validator;
        this.properties = properties;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubscriptionResponse> create(@RequestBody SubscriptionRequest request, Caller caller) {
        String own = ownMunicipality(caller);
        if (own != null && request.municipality() != null && !own.equals(request.municipality())) {
            throw otherMunicipality(own);
        }
        validator.validate(request);
        WebhookSubscription created = subscriptions.create(request.municipality(), request.url(), request.eventTypes(), request.secret());
        return ResponseEntity.created(URI.create("/api/v1/webhook-subscriptions/" + created.id())).body(SubscriptionResponse.created(created));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<SubscriptionResponse> list(@RequestParam(required = false) String municipality, Caller caller) {
        String own = ownMunicipality(caller);
        if (own != null && municipality != null && !own.equals(municipality)) {
            throw otherMunicipality(own);
        }
        return subscriptions.list(own != null ? own : municipality).stream().map(SubscriptionResponse::shown).toList();
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    SubscriptionResponse get(@PathVariable UUID id, Caller caller) {
        return visible(id, caller).map(SubscriptionResponse::shown).orElseThrow(() -> new NotFoundException("subscription " + id));
    }

    /** Changes the URL and event types; the municipality stays, the secret changes only by rotation. */
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    SubscriptionResponse update(@PathVariable UUID id, @RequestBody SubscriptionRequest request, Caller caller) {
        WebhookSubscription existing = visible(id, caller).filter(WebhookSubscription::active)
                .orElseThrow(() -> new NotFoundException("subscription " + id));
        validator.validateUpdate(request, existing.municipality());
        return subscriptions.update(id, request.url(), request.eventTypes()).map(SubscriptionResponse::shown)
                .orElseThrow(() -> new NotFoundException("subscription " + id));
    }

    /**
     * A new secret; the previous one keeps signing beside it (two {@code v1,} signatures) for
     * {@code carerelay.notification.secret-rotation-overlap}, so the receiver can switch without refusing anything.
     */
    @PostMapping(path = "/{id}/secret", produces = MediaType.APPLICATION_JSON_VALUE)
    SecretRotationResponse rotateSecret(@PathVariable UUID id, @RequestBody(required = false) SecretRotationRequest request, Caller caller) {
        String secret = request == null ? null : request.secret();
        validator.validateSecret(secret);
        visible(id, caller).orElseThrow(() -> new NotFoundException("subscription " + id));
        WebhookSubscriptions.Rotation rotation = subscriptions.rotate(id, secret, properties.secretRotationOverlap())
                .orElseThrow(() -> new NotFoundException("subscription " + id));
        return new SecretRotationResponse(id, rotation.subscription().secret(), rotation.previousSecretExpiresAt());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> deactivate(@PathVariable UUID id, Caller caller) {
        if (visible(id, caller).isEmpty() || !subscriptions.deactivate(id)) {
            throw new NotFoundException("subscription " + id);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * The subscription, if the caller may see it. Checking before acting is safe because a subscription's municipality
     * never changes (an update keeps it).
     */
    private Optional<WebhookSubscription> visible(UUID id, Caller caller) {
        String own = ownMunicipality(caller);
        return subscriptions.find(id).filter(subscription -> own == null || own.equals(subscription.municipality()));
    }

    /** The municipality whose subscriptions the caller manages; null for an operator, who manages all of them. */
    private static String ownMunicipality(Caller caller) {
        if (caller.has(Role.OPERATOR)) {
            return null;
        }
        if (caller.municipality() == null) {
            // token validation demands a kommunenummer with the municipality role; should a rule ever let in another
            // role without one, it manages nothing rather than everything
            throw new ForbiddenException("forbidden", "Only a municipality (with its kommunenummer in the token) or an operator manages subscriptions.");
        }
        return caller.municipality();
    }

    private static ForbiddenException otherMunicipality(String own) {
        return new ForbiddenException("other-municipality",
                "Your token acts for municipality " + own + "; you can subscribe to and list that municipality's subscriptions only.");
    }
}
