# Sourced by the benchmark scripts: writes App.csproj, a minimal net10.0 console project, into a folder.
#   console_project <dir> <lines before the properties> <extra properties> <lines after the properties>
console_project() {
  mkdir -p "$1"
  cat > "$1/App.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  $2
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <InvariantGlobalization>true</InvariantGlobalization>
    $3
  </PropertyGroup>
  $4
</Project>
PROJ
}
