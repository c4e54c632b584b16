using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Oracle.Crafting;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Oracle;

/// <summary>
/// Every int8 TFLite operator the generator compiles, on crafted models (Crafting/TfliteOperatorCases.cs), against
/// a real TensorFlow Lite 2.9 interpreter on seeded random and adversarial inputs (int8: all -128, all 127,
/// alternating; float: whole and half steps, far outside the range).
/// </summary>
public class TfliteOperatorOracleTests(ITestOutputHelper output)
{
    public static TheoryData<string> Conv2D => Names(TfliteOperatorCases.Conv2D);

    public static TheoryData<string> DepthwiseConv2D => Names(TfliteOperatorCases.DepthwiseConv2D);

    public static TheoryData<string> FullyConnected => Names(TfliteOperatorCases.FullyConnected);

    public static TheoryData<string> AveragePool2D => Names(TfliteOperatorCases.AveragePool2D);

    public static TheoryData<string> MaxPool2D => Names(TfliteOperatorCases.MaxPool2D);

    public static TheoryData<string> Add => Names(TfliteOperatorCases.Add);

    public static TheoryData<string> Softmax => Names(TfliteOperatorCases.Softmax);

    public static TheoryData<string> Reshape => Names(TfliteOperatorCases.Reshape);

    public static TheoryData<string> Mul => Names(TfliteOperatorCases.Mul);

    public static TheoryData<string> Logistic => Names(TfliteOperatorCases.Logistic);

    public static TheoryData<string> Tanh => Names(TfliteOperatorCases.Tanh);

    public static TheoryData<string> Mean => Names(TfliteOperatorCases.Mean);

    public static TheoryData<string> Relu => Names(TfliteOperatorCases.Relu);

    public static TheoryData<string> Pad => Names(TfliteOperatorCases.Pad);

    public static TheoryData<string> Concatenation => Names(TfliteOperatorCases.Concatenation);

    public static TheoryData<string> Quantize => Names(TfliteOperatorCases.Quantize);

    public static TheoryData<string> Dequantize => Names(TfliteOperatorCases.Dequantize);

    [Theory]
    [MemberData(nameof(Conv2D))]
    public void Conv_2d_matches_the_interpreter(string name) => Check(TfliteOperatorCases.Conv2D, name);

    [Theory]
    [MemberData(nameof(DepthwiseConv2D))]
    public void Depthwise_conv_2d_matches_the_interpreter(string name) => Check(TfliteOperatorCases.DepthwiseConv2D, name);

    [Theory]
    [MemberData(nameof(FullyConnected))]
    public void Fully_connected_matches_the_interpreter(string name) => Check(TfliteOperatorCases.FullyConnected, name);

    [Theory]
    [MemberData(nameof(AveragePool2D))]
    public void Average_pool_2d_matches_the_interpreter(string name) => Check(TfliteOperatorCases.AveragePool2D, name);

    [Theory]
    [MemberData(nameof(MaxPool2D))]
    public void Max_pool_2d_matches_the_interpreter(string name) => Check(TfliteOperatorCases.MaxPool2D, name);

    [Theory]
    [MemberData(nameof(Add))]
    public void Add_matches_the_interpreter(string name) => Check(TfliteOperatorCases.Add, name);

    [Theory]
    [MemberData(nameof(Softmax))]
    public void Softmax_matches_the_interpreter(string name) => Check(TfliteOperatorCases.Softmax, name);

    [Theory]
    [MemberData(nameof(Reshape))]
    public void Reshape_matches_the_interpreter(string name) => Check(TfliteOperatorCases.Reshape, name);

    [Theory]
    [MemberData(nameof(Mul))]
    public void Mul_matches_the_interpreter(string name) => Check(TfliteOperatorCases.Mul, name);

    [Theory]
    [MemberData(nameof(Logistic))]
    public void Logistic_matches_the_interpreter(string name) => Check(TfliteOperatorCases.Logistic, name);

    [Theory]
    [MemberData(nameof(Tanh))]
    public void Tanh_matches_the_interpreter(string name) => Check(TfliteOperatorCases.Tanh, name);

    [Theory]
    [MemberData(nameof(Relu))]
    public void Relu_family_matches_the_interpreter(string name) => Check(TfliteOperatorCases.Relu, name);

    [Theory]
    [MemberData(nameof(Pad))]
    public void Pad_matches_the_interpreter(string name) => Check(TfliteOperatorCases.Pad, name);

    [Theory]
    [MemberData(nameof(Mean))]
    public void Mean_matches_the_interpreter(string name) => Check(TfliteOperatorCases.Mean, name);

    [Theory]
    [MemberData(nameof(Concatenation))]
    public void Concatenation_matches_the_interpreter(string name) => Check(TfliteOperatorCases.Concatenation, name);

    [Theory]
    [MemberData(nameof(Quantize))]
    public void Quantize_matches_the_interpreter(string name) => Check(TfliteOperatorCases.Quantize, name);

    [Theory]
    [MemberData(nameof(Dequantize))]
    public void Dequantize_matches_the_interpreter(string name) => Check(TfliteOperatorCases.Dequantize, name);

    private static TheoryData<string> Names(IEnumerable<OperatorCase> cases) => new(cases.Select(c => c.Name));

    private void Check(IEnumerable<OperatorCase> cases, string name)
    {
        var operatorCase = cases.Single(c => c.Name == name);
        var difference = TfliteOracle.Compare(operatorCase.Recipe, operatorCase.Seed);
        output.WriteLine($"{name}: {operatorCase.Recipe}");
        output.WriteLine(difference.ToString());

        Assert.True(difference.Largest <= 1, $"An output is {difference.Largest} steps from the interpreter's: the compiled kernel is not TFLite's arithmetic.");
        Assert.True(difference.Differing <= operatorCase.AllowedDiffering, $"{difference.Differing} outputs differ by one step; {operatorCase.AllowedDiffering} were measured.");
    }
}
