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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import no.carerelay.notification.subscription.WebhookSubscription;
import no.carerelay.notification.subscription.WebhookSubscriptions;

@RestController
@RequestMapping("/api/v1/webhook-subscriptions")
class WebhookSubscriptionController {

    private final WebhookSubscriptions subscriptions;
    private final SubscriptionRequestValidator validator;

    WebhookSubscriptionController(WebhookSubscriptions subscriptions, SubscriptionRequestValidator validator) {
        this.subscriptions = subscriptions;
        this.validator = validator;
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

    @DeleteMapping("/{id}")
    ResponseEntity<Void> deactivate(@PathVariable UUID id) {
        if (!subscriptions.deactivate(id)) {
            throw new NotFoundException("subscription " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
