using Vmb.Conformance.Cli;

return CliApp.Run(args, Console.Out, Console.Error);
