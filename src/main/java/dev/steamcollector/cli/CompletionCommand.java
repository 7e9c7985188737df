package dev.steamcollector.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code completion}: prints a shell completion script generated from the command line's own model. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for bash (zsh too, with bashcompinit).",
            "Load it in this shell:  source <(steam-collector completion bash)",
            "Install it: save the output in /etc/bash_completion.d/steam-collector"})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SHELL", defaultValue = "bash", arity = "0..1",
            description = "The shell: bash (default ${DEFAULT-VALUE}); zsh reads the same script.")
    private String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new ParameterException(spec.commandLine(),
                    "completion scripts are made for bash and zsh, not '" + shell + "'");
        }
        spec.commandLine().getOut().print(AutoComplete.bash("steam-collector", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.DONE;
    }
}
