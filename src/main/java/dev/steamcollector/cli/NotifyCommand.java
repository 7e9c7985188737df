package dev.steamcollector.cli;

import dev.steamcollector.config.Settings;
import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.metrics.MetricsPublisher;
import dev.steamcollector.metrics.TaskMetrics;
import dev.steamcollector.model.RunStatus;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.pipeline.Backlog;
import dev.steamcollector.pipeline.NotificationDispatcher;
import dev.steamcollector.pipeline.RunLock;
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
        Metrics metrics = new Metrics();
        MetricsPublisher publisher = MetricsPublisher.start(settings.metrics(), metrics, "notify");
        try (publisher; Database database = Database.open(settings.database());
                ApiClients clients = new ApiClients(settings)) {
            database.migrations().applyIfBehind();
            NotificationDispatcher dispatcher = clients.notifications(database.prices()).orElseThrow();
            if (test) {
                dispatcher.sendTest();
                out.println("Test message sent");
            } else {
                NotificationDispatcher.Outcome sent;
                // the queue is sent under the run lock: never by two processes at once
                try (RunLock lock = RunLock.acquire(database.locks(), "notify", Clock.systemUTC())) {
                    sent = dispatch(dispatcher, settings, metrics.task("notify"));
                }
                out.printf("%d price changes announced in %d messages, %d summarized%n", sent.announced(),
                        sent.messages(), sent.summarized());
                Backlog.measure(database, Clock.systemUTC(), metrics, settings.pipeline().storeDetails());
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
            status = RunStatus.SUCCEEDED;
            return sent;
        } finally {
            task.finished(status);
        }
    }
}
