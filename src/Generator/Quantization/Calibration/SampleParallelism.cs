using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace QuantizedModels.Generator.Quantization.Calibration;

/// <summary>
/// Calibration's loops over samples, spread over the cores: samples are independent. Results never depend on the
/// scheduling: <see cref="Accumulate{TLocal}"/> callers merge only what is order-free (minimum, maximum, integer
/// counts), and <see cref="Map{T}"/> keeps one result per sample for the caller to sum in sample order.
/// </summary>
internal static class SampleParallelism
{
    /// <summary>Runs <paramref name="add"/> for every sample into a per-thread <typeparamref name="TLocal"/>, then merges each one, one at a time.</summary>
    public static void Accumulate<TLocal>(int samples, CancellationToken cancellationToken, Func<TLocal> create, Action<int, TLocal> add, Action<TLocal> merge)
    {
        var gate = new object();
        Run(() => Parallel.For(0, samples, Options(cancellationToken), create, (i, _, local) =>
        {
            add(i, local);
            return local;
        }, local =>
        {
            lock (gate) merge(local);
        }));
    }

    /// <summary><paramref name="measure"/> of every sample, in sample order.</summary>
    public static T[] Map<T>(int samples, CancellationToken cancellationToken, Func<int, T> measure)
    {
        var results = new T[samples];
        Run(() => Parallel.For(0, samples, Options(cancellationToken), i => results[i] = measure(i)));
        return results;
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) => new() { CancellationToken = cancellationToken };

    /// <summary>Rethrows a worker's exception as itself (a model error stays a diagnostic), not wrapped in an AggregateException.</summary>
    private static void Run(Action loop)
    {
        try
        {
            loop();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
