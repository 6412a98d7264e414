package dev.sluice.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

import dev.sluice.api.sink.Sink;
import dev.sluice.api.sink.TransactionalSink;
import dev.sluice.api.source.Source;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The contract suites pass a correct implementation and catch a broken one. */
class ContractSuitesTest {

    private static org.junit.platform.testkit.engine.Events run(Class<?> suite) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite)).execute().testEvents();
    }

    @Test
    void aCorrectSinkPassesTheSinkContract() {
        run(GoodSinkContract.class).assertStatistics(s -> s.started(5).succeeded(5).failed(0));
    }

    @Test
    void aSinkThatLosesRecordsFailsTheSinkContract() {
        run(LossySinkContract.class).assertThatEvents()
                .haveExactly(1, event(test("flushedRecordsAreDurableAndComplete"), finishedWithFailure()));
    }

    @Test
    void aCorrectTransactionalSinkPassesTheTransactionalContract() {
        run(GoodTransactionalSinkContract.class).assertStatistics(s -> s.started(6).succeeded(6).failed(0));
    }

    @Test
    void aSinkWhoseAbortKeepsRecordsFailsTheTransactionalContract() {
        run(LeakyTransactionalSinkContract.class).assertThatEvents()
                .haveExactly(1, event(test("recordsOfAnAbortedTransactionAreNeverSeenAndTheNextTransactionIsComplete"), finishedWithFailure()));
    }

    @Test
    void aCorrectSourcePassesTheSourceContract() {
        run(GoodSourceContract.class).assertStatistics(s -> s.started(7).succeeded(7).failed(0));
    }

    @Test
    void aSourceThatForgetsCommitsFailsTheSourceContract() {
        run(ForgetfulSourceContract.class).assertThatEvents()
                .haveExactly(1, event(test("resumesAfterTheCommittedPositions"), finishedWithFailure()));
    }

    static class GoodSinkContract extends SinkContractTest<String> {
        boolean lossy() {
            return false;
        }

        @Override
        protected Sink<String> createSink(String destination) {
            return new InMemoryStore.ListSink(destination, lossy());
        }

        @Override
        protected String value(int i) {
            return "v" + i;
        }

        @Override
        protected List<String> readBack(String destination, int atLeast) {
            return List.copyOf(InMemoryStore.data(destination));
        }
    }

    static class LossySinkContract extends GoodSinkContract {
        @Override
        boolean lossy() {
            return true;
        }
    }

    static class GoodTransactionalSinkContract extends TransactionalSinkContractTest<String> {
        boolean abortKeeps() {
            return false;
        }

        @Override
        protected TransactionalSink<String> createSink(String destination) {
            return new InMemoryStore.TxListSink(destination, abortKeeps());
        }

        @Override
        protected String value(int i) {
            return "v" + i;
        }

        @Override
        protected List<String> readBack(String destination, int atLeast) {
            return List.copyOf(InMemoryStore.data(destination));
        }
    }

    static class LeakyTransactionalSinkContract extends GoodTransactionalSinkContract {
        @Override
        boolean abortKeeps() {
            return true;
        }
    }

    static class GoodSourceContract extends SourceContractTest<String> {
        boolean forgetful() {
            return false;
        }

        @Override
        protected Source<String> createSource(String dataset) {
            return new InMemoryStore.ListSource(dataset, forgetful());
        }

        @Override
        protected void append(String dataset, List<String> values) {
            InMemoryStore.data(dataset).addAll(values);
        }

        @Override
        protected String value(int i) {
            return "v" + i;
        }
    }

    static class ForgetfulSourceContract extends GoodSourceContract {
        @Override
        boolean forgetful() {
            return true;
        }
    }
}
