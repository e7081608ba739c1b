using Arbitrex.MlLayer.Trainer;

return await TrainVerb.RunAsync(args, Console.Out);
