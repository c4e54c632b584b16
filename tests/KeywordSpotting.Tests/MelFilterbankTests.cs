using System;
using System.Linq;
using KeywordSpotting.Features;
using Xunit;

namespace KeywordSpotting.Tests;

public sealed class MelFilterbankTests
{
    private const int Bins = 257;
    private const double BinHertz = 8000.0 / 256;
    private static readonly MelFilterbank Filterbank = new(40, Bins, 16000, 20, 4000);

    [Fact]
    public void Dc_bin_and_bins_outside_the_edges_have_no_weight()
    {
        for (var mel = 0; mel < 40; mel++)
        {
            Assert.Equal(0f, Filterbank.Weight(0, mel));
            for (var bin = (int)Math.Ceiling(4000 / BinHertz); bin < Bins; bin++)
            {
                Assert.Equal(0f, Filterbank.Weight(bin, mel));
            }
        }
    }

    [Fact]
    public void Each_band_is_one_triangle_peaking_at_most_at_one()
    {
        for (var mel = 0; mel < 40; mel++)
        {
            var weights = new float[Bins];
            for (var bin = 0; bin < Bins; bin++)
            {
                weights[bin] = Filterbank.Weight(bin, mel);
            }

            var first = Array.FindIndex(weights, w => w > 0);
            var last = Array.FindLastIndex(weights, w => w > 0);
            var peak = Array.IndexOf(weights, weights.Max());
            Assert.True(first > 0, $"band {mel} is empty");
            Assert.InRange(weights[peak], 0.5f, 1f);
            for (var bin = first; bin <= last; bin++)
            {
                Assert.True(weights[bin] > 0, $"band {mel} has a gap at bin {bin}");
                Assert.True(bin <= peak ? weights[bin] >= weights[bin - 1] : weights[bin] <= weights[bin - 1], $"band {mel} is not a triangle at bin {bin}");
            }
        }
    }

    [Fact]
    public void Overlapping_triangles_sum_to_one_between_the_first_and_last_centre()
    {
        // Adjacent bands share edges in mel, so inside [centre 0, centre 39] their weights partition unity.
        var melStep = (MelFilterbank.HertzToMel(4000) - MelFilterbank.HertzToMel(20)) / 41;
        var firstCentre = MelFilterbank.HertzToMel(20) + melStep;
        var lastCentre = MelFilterbank.HertzToMel(20) + 40 * melStep;
        var checkedBins = 0;
        for (var bin = 1; bin < Bins; bin++)
        {
            var binMel = MelFilterbank.HertzToMel(bin * BinHertz);
            if (binMel < firstCentre || binMel > lastCentre)
            {
                continue;
            }

            var sum = 0.0;
            for (var mel = 0; mel < 40; mel++)
            {
                sum += Filterbank.Weight(bin, mel);
            }

            Assert.Equal(1.0, sum, 1e-5);
            checkedBins++;
        }

        Assert.True(checkedBins > 100);
    }

    [Fact]
    public void Uses_the_htk_mel_scale() =>
        Assert.Equal(1000.0, MelFilterbank.HertzToMel(1000), 0.5); // HTK's 1127 ln(1 + f/700) puts 1 kHz at ~1000 mel

    [Fact]
    public void Apply_weights_each_bin_of_the_spectrum()
    {
        var spectrum = new float[Bins];
        spectrum[40] = 2f;
        var mel = new float[40];

        Filterbank.Apply(spectrum, mel);

        for (var band = 0; band < 40; band++)
        {
            Assert.Equal(2f * Filterbank.Weight(40, band), mel[band], 6);
        }
    }
}
