using Sts.Cli;

return StsCli.Run(args, Console.Out, Console.Error, terminal: !Console.IsOutputRedirected);
