package no.carerelay.collaboration.identity;

import java.util.List;

/** The request does not say who is acting, or says it in a form we cannot use. */
public class UnidentifiedActorException extends RuntimeException {

    private final List<String> problems;

    UnidentifiedActorException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
