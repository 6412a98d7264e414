package dev.sluice.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Users may rely on this type: it changes incompatibly only in a major version (Flink's
 * {@code @Public}). Types without it, or marked {@link Internal}, may change in any release.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Public {}
