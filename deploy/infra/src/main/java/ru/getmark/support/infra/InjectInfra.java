package ru.getmark.support.infra;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of type {@link Infra} in a {@code @QuarkusTest} that uses {@link InfraTestResource}; the resource
 * injects the handle to the running Kafka broker, PostgreSQL and mail server.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectInfra {
}
