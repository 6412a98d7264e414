// Parses every Terraform file given (HCL2, through @cdktf/hcl2json) and checks that each variable
// and output has a description and each variable a type. Exits 1 on the first problem it reports.
const { parse } = require('@cdktf/hcl2json');
const fs = require('fs');

(async () => {
  const problems = [];
  for (const file of process.argv.slice(2)) {
    let doc;
    try {
      doc = await parse(file, fs.readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(`${file}: ${e}`);
      continue;
    }
    for (const [name, defs] of Object.entries(doc.variable || {})) {
      const v = defs[0];
      if (!v.description) problems.push(`${file}: variable "${name}" has no description`);
      if (!v.type) problems.push(`${file}: variable "${name}" has no type`);
    }
    for (const [name, defs] of Object.entries(doc.output || {})) {
      if (!defs[0].description) problems.push(`${file}: output "${name}" has no description`);
    }
    console.log(`hcl ok   ${file}`);
  }
  if (problems.length) {
    problems.forEach(p => console.error(`hcl FAIL ${p}`));
    process.exit(1);
  }
})();
