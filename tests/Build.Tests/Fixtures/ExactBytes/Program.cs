System.Console.WriteLine(ExactBytes.AllBytes.ModelSha256);
