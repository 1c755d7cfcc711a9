// Lets ts-jest run the @nestjs/swagger compiler plugin, so tests see the same OpenAPI document as `nest build`.
const plugin = require('@nestjs/swagger/plugin');
const options = require('../nest-cli.json').compilerOptions.plugins.find((p) => p.name === '@nestjs/swagger').options;

module.exports.name = 'nestjs-swagger-transformer';
module.exports.version = 1;
module.exports.factory = (tsCompiler) => plugin.before(options, tsCompiler.program);
