using BenchmarkDotNet.Running;
using QuantizedModels.Benchmarks;

// Run in Release: dotnet run -c Release --project benchmarks/QuantizedModels.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(IBenchmarkModel).Assembly).Run(args);
