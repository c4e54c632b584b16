System.Console.WriteLine(AotApp.AllBytes.ModelSha256);
