using System;
using System.Collections.Generic;
using KeywordSpotting.Features;
using KeywordSpotting.Model;

namespace KeywordSpotting.Streaming;

/// <summary>
/// Slides a one-second window over a 16 kHz stream and reports keywords. A window is classified every
/// <c>stepSamples</c> once a full second has arrived (a stream shorter than that is classified once, padded,
/// by <see cref="Finish"/>). A window counts as a detection when its top class is a keyword with probability
/// at least <c>threshold</c>. Overlapping windows see one utterance several times, so a detection of the same
/// keyword less than <c>refractory</c> after the previous window that detected it is not reported again.
/// </summary>
public sealed class StreamingKeywordSpotter
{
    private const int WindowLength = MlperfKwsFrontEnd.ClipLength;

    private readonly KeywordClassifier _classifier;
    private readonly int _stepSamples;
    private readonly float _threshold;
    private readonly long _refractorySamples;
    private readonly float[] _history = new float[2 * WindowLength]; // samples [_historyStart, _historyStart + _historyLength)
    private long _historyStart;
    private int _historyLength;
    private long _nextWindowStart;
    private bool _classifiedAny;
    private int _lastLabel = -1;
    private long _lastDetectedWindowStart;

    public StreamingKeywordSpotter(KeywordClassifier classifier, TimeSpan step, float threshold, TimeSpan refractory)
    {
        _classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));
        _stepSamples = ToSamples(step);
        if (_stepSamples <= 0 || _stepSamples > WindowLength)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "Step must be between one sample and one second.");
        }

        _threshold = threshold;
        _refractorySamples = ToSamples(refractory);
    }

    /// <summary>Appends samples; adds any detections they complete to <paramref name="detections"/>.</summary>
    public void Append(ReadOnlySpan<float> samples, List<KeywordDetection> detections)
    {
        while (!samples.IsEmpty)
        {
            if (_historyLength == _history.Length)
            {
                DropOldestWindow();
            }

            var count = Math.Min(samples.Length, _history.Length - _historyLength);
            samples[..count].CopyTo(_history.AsSpan(_historyLength));
            _historyLength += count;
            samples = samples[count..];

            while (_nextWindowStart + WindowLength <= _historyStart + _historyLength)
            {
                ClassifyWindow(_nextWindowStart, WindowLength, detections);
                _nextWindowStart += _stepSamples;
            }
        }
    }

    /// <summary>Ends the stream: a stream shorter than one window is classified once, zero-padded.</summary>
    public void Finish(List<KeywordDetection> detections)
    {
        if (!_classifiedAny && _historyLength > 0)
        {
            ClassifyWindow(0, _historyLength, detections);
        }
    }

    private void ClassifyWindow(long start, int length, List<KeywordDetection> detections)
    {
        var window = _history.AsSpan((int)(start - _historyStart), length);
        var prediction = _classifier.Classify(window);
        _classifiedAny = true;
        if (!KeywordLabels.IsKeyword(prediction.LabelIndex) || prediction.Probability < _threshold)
        {
            return;
        }

        var repeat = prediction.LabelIndex == _lastLabel && start - _lastDetectedWindowStart < _refractorySamples;
        if (!repeat)
        {
            detections.Add(new KeywordDetection(
                TimeSpan.FromSeconds((double)start / MlperfKwsFrontEnd.SampleRate), prediction.Label, prediction.Probability));
        }

        _lastLabel = prediction.LabelIndex;
        _lastDetectedWindowStart = start;
    }

    /// <summary>Keeps only the samples the next window still needs.</summary>
    private void DropOldestWindow()
    {
        var drop = (int)(_nextWindowStart - _historyStart);
        _history.AsSpan(drop, _historyLength - drop).CopyTo(_history);
        _historyStart += drop;
        _historyLength -= drop;
    }

    private static int ToSamples(TimeSpan time) => (int)Math.Round(time.TotalSeconds * MlperfKwsFrontEnd.SampleRate);
}
