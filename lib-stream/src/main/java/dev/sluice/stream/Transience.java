package dev.sluice.stream;

import dev.sluice.core.error.RetriableException;

/** Whether a failure may pass by itself: a Sluice or Kafka retriable exception anywhere in the cause chain. */
final class Transience {

    private Transience() {}

    static boolean isTransient(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RetriableException || c instanceof org.apache.kafka.common.errors.RetriableException) {
                return true;
            }
        }
        return false;
    }
}
