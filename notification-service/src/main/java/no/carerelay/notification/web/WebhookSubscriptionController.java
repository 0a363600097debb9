package no.carerelay.notification.web;

import java.net.URI;
import java.util.List;
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
    ResponseEntity<SubscriptionResponse> create(@RequestBody SubscriptionRequest request) {
        validator.validate(request);
        WebhookSubscription created = subscriptions.create(request.municipality(), request.url(), request.eventTypes(), request.secret());
        return ResponseEntity.created(URI.create("/api/v1/webhook-subscriptions/" + created.id())).body(SubscriptionResponse.created(created));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<SubscriptionResponse> list(@RequestParam(required = false) String municipality) {
        return subscriptions.list(municipality).stream().map(SubscriptionResponse::shown).toList();
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    SubscriptionResponse get(@PathVariable UUID id) {
        return subscriptions.find(id).map(SubscriptionResponse::shown).orElseThrow(() -> new NotFoundException("subscription " + id));
    }

    /** Changes the URL and event types; the municipality stays, the secret changes only by rotation. */
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    SubscriptionResponse update(@PathVariable UUID id, @RequestBody SubscriptionRequest request) {
        WebhookSubscription existing = subscriptions.find(id).filter(WebhookSubscription::active)
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
    SecretRotationResponse rotateSecret(@PathVariable UUID id, @RequestBody(required = false) SecretRotationRequest request) {
        String secret = request == null ? null : request.secret();
        validator.validateSecret(secret);
        WebhookSubscriptions.Rotation rotation = subscriptions.rotate(id, secret, properties.secretRotationOverlap())
                .orElseThrow(() -> new NotFoundException("subscription " + id));
        return new SecretRotationResponse(id, rotation.subscription().secret(), rotation.previousSecretExpiresAt());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> deactivate(@PathVariable UUID id) {
        if (!subscriptions.deactivate(id)) {
            throw new NotFoundException("subscription " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
