using Arbitrex.MlLayer.Trainer;

return TrainVerb.Run(args, Console.Out);
