using System;
using System.IO;
using BenchmarkDotNet.Running;
using QuantizedModels.GeneratorCost;

// dotnet run -c Release --project benchmarks/QuantizedModels.GeneratorCost -- --filter '*' --launchCount 1 --warmupCount 1 --iterationCount 3
// dotnet run -c Release --project benchmarks/QuantizedModels.GeneratorCost -- write-model 1000000 out.onnx   (for build-cost.sh)
// dotnet run -c Release --project benchmarks/QuantizedModels.GeneratorCost -- calibration-time 1000 MinMax      (one Stopwatch run)
if (args is ["write-model", var parameters, var path])
{
    var count = int.Parse(parameters, System.Globalization.CultureInfo.InvariantCulture);
    File.WriteAllBytes(path, SizedMlp.Write(count));
    Console.WriteLine($"{path}: {SizedMlp.ParameterCount(count):N0} parameters (hidden width {SizedMlp.HiddenWidth(count)})");
    return;
}

if (args is ["calibration-time", var samples, var method])
{
    CalibrationStopwatch.Run(int.Parse(samples, System.Globalization.CultureInfo.InvariantCulture), method);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GeneratorCostBenchmarks).Assembly).Run(args);
