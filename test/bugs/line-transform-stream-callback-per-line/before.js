// Reduced from bitfasching/node-line-transform-stream line-transform-stream.js before 6fbe779 (MIT).
'use strict'

const { Transform } = require( 'stream' )

class LineTransformStream extends Transform
{
    constructor( transformCallback, stringEncoding = 'utf8', newlineCharacter = '\n' )
    {
        super()
        this.transformCallback = transformCallback
        this.stringEncoding = stringEncoding
        this.newlineCharacter = newlineCharacter
        this.lineBuffer = ''
    }

    // implement transform method (input encoding is ignored)
    _transform( data, encoding, callback )
    {
        data = data.toString( this.stringEncoding )
        const lines = data.split( this.newlineCharacter )
        lines[0] = this.lineBuffer + lines[0]
        this.lineBuffer = lines.pop()

        let output = ''

        lines.forEach( ( line ) =>
        {
            try
            {
                output += this.transformCallback( line ) + this.newlineCharacter
            }
            catch ( error )
            {
                // catch processing errors and emit as stream error
                callback( error )
            }
        })

        // push output
        callback( null, output )
    }
}

module.exports = LineTransformStream
