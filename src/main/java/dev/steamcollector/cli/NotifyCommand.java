package dev.steamcollector.cli;

import dev.steamcollector.config.Settings;
import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.metrics.MetricsPublisher;
import dev.steamcollector.metrics.TaskMetrics;
import dev.steamcollector.model.RunStatus;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.pipeline.Backlog;
import dev.steamcollector.pipeline.NotificationDispatcher;
import dev.steamcollector.pipeline.RunFailure;
import dev.steamcollector.pipeline.RunLock;
import dev.steamcollector.pipeline.StopSignal;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code notify}: sends the queued price-change notifications to Discord. */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = "Send queued price-change notifications to DISCORD_WEBHOOK_URL (needs ENABLE_DISCORD=true).")
final class NotifyCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--test", description = "Send one test message and nothing else.")
    private boolean test;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Settings settings = root.loadSettings(Map.of());
        PrintWriter out = spec.commandLine().getOut();
        if (!settings.notifications().enabled()) {
            out.println("Discord notifications are off (ENABLE_DISCORD is not true): nothing sent");
            return ExitCodes.DONE;
        }
        StopSignal stop = new StopSignal();
        Signals.install(stop);
        try (Database database = Database.open(settings.database(), settings.recovery().databaseReconnect());
                MetricsPublisher publisher = CommandMetrics.start(settings, database, "notify");
                ApiClients clients = new ApiClients(settings)) {
            database.migrations().applyIfBehind();
            Metrics metrics = publisher.metrics();
            NotificationDispatcher dispatcher = clients.notifications(database.notifications(), stop).orElseThrow();
            if (test) {
                dispatcher.sendTest();
                out.println("Test message sent");
                return ExitCodes.DONE;
            }
            NotificationDispatcher.Outcome sent;
            // the queue is sent under the run lock: never by two processes at once
            try (RunLock lock = RunLock.acquire(database.locks(), "notify", Clock.systemUTC(),
                    settings.recovery().runLockTimeout())) {
                sent = dispatch(dispatcher, settings, metrics.task("notify"));
            }
            out.printf("%d price changes announced in %d messages, %d summarized, %d set aside%n", sent.announced(),
                    sent.messages(), sent.summarized(), sent.setAside());
            Backlog.measure(database, Clock.systemUTC(), metrics, settings.pipeline().storeDetails(),
                settings.storeCountryCodes());
            if (sent.stopped()) {
                throw new RunFailure.Interrupted(stop.reason());
            }
        }
        return ExitCodes.DONE;
    }

    private static NotificationDispatcher.Outcome dispatch(NotificationDispatcher dispatcher, Settings settings,
            TaskMetrics task) throws IOException, InterruptedException {
        task.started();
        RunStatus status = RunStatus.FAILED;
        try {
            NotificationDispatcher.Outcome sent = dispatcher.dispatch(settings.notifications().maxPerRun());
            status = sent.stopped() ? RunStatus.INTERRUPTED : RunStatus.SUCCEEDED;
            return sent;
        } finally {
            task.finished(status);
        }
    }
}
