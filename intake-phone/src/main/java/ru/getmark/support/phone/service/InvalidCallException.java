package ru.getmark.support.phone.service;

import ru.getmark.support.phone.domain.Violation;

import java.util.List;

/** The call cannot be accepted as entered; the operator gets every {@link Violation} in one 400. */
public class InvalidCallException extends Exception {

    private final transient List<Violation> violations;

    public InvalidCallException(List<Violation> violations) {
        super(violations.size() + " problem(s) in the call");
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
